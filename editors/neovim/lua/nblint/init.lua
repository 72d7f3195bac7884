-- nblint for Neovim's built-in LSP client: starts `nblint lsp` (stdio) for
-- plain text, Markdown and HTML buffers.
--
--   require('nblint').setup({ lang = 'en', rules = { ['arithmetic/percent'] = 'off' } })
--
-- Works with Neovim 0.7 (vim.lsp.start_client + vim.lsp.buf_attach_client) and
-- newer (vim.lsp.start, from 0.8). On 0.11+ `vim.lsp.enable('nblint')` with the
-- `lsp/nblint.lua` of this directory works too (see README.md).

local M = {}

local uv = vim.loop

M.defaults = {
  -- The server command. `nblint` must be on PATH, or give the full path.
  cmd = { 'nblint', 'lsp' },
  -- Buffers of these filetypes are linted (`.txt` is `text` in Neovim).
  filetypes = { 'text', 'markdown', 'html' },
  -- The root (workspace folder) is the nearest directory upward holding one of these;
  -- cross-document rules look at the other reports under it. Else the file's directory.
  root_markers = { 'nblint.toml', '.git' },
  -- 'zh' | 'en' | nil: language of messages; nil leaves it to `lang` of nblint.toml.
  lang = nil,
  -- Rule id or plugin name → 'off' | 'info' | 'warning' | 'error', over nblint.toml's [rules].
  rules = {},
  -- Passed on to the client.
  on_attach = nil,
  capabilities = nil,
  -- 'off' | 'messages' | 'verbose'
  trace = nil,
}

-- Client methods are called with `:` from Neovim 0.11 on (`.` is deprecated there).
local colon = vim.fn.has('nvim-0.11') == 1
local function call(client, method, ...)
  if colon then
    return client[method](client, ...)
  end
  return client[method](...)
end
local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
local islist = vim.islist or vim.tbl_islist

local options = vim.deepcopy(M.defaults)
-- root_dir → client id, for Neovim 0.7 (no vim.lsp.start to reuse clients).
local clients_by_root = {}

local function is_list(t)
  return type(t) == 'table' and (islist(t) or next(t) == nil)
end

local function validate(opts)
  vim.validate({
    cmd = { opts.cmd, is_list, 'a list such as { "nblint", "lsp" }' },
    filetypes = { opts.filetypes, 'table' },
    root_markers = { opts.root_markers, 'table' },
    lang = {
      opts.lang,
      function(v)
        return v == nil or v == 'zh' or v == 'en'
      end,
      '"zh", "en" or nil',
    },
    rules = { opts.rules, 'table' },
    on_attach = { opts.on_attach, 'function', true },
    capabilities = { opts.capabilities, 'table', true },
  })
  for id, level in pairs(opts.rules) do
    if type(id) ~= 'string' or not vim.tbl_contains({ 'off', 'info', 'warning', 'error' }, level) then
      error(('nblint: rules[%s] must be "off", "info", "warning" or "error", not %s'):format(
        vim.inspect(id),
        vim.inspect(level)
      ))
    end
  end
end

--- The `settings` sent with workspace/didChangeConfiguration:
--- `{ nblint = { lang = 'en', rules = { ... } } }` (no `lang` when nil).
function M.server_settings(opts)
  opts = opts or options
  local rules = vim.empty_dict() -- encodes as {} even when empty
  for id, level in pairs(opts.rules or {}) do
    rules[id] = level
  end
  return { nblint = { lang = opts.lang, rules = rules } }
end

local function dirname(path)
  return vim.fn.fnamemodify(path, ':h')
end

--- The nearest directory upward from `path` holding one of `markers`, else `path`'s directory.
function M.find_root(path, markers)
  markers = markers or options.root_markers
  if path == nil or path == '' then
    return uv.cwd()
  end
  path = vim.fn.fnamemodify(path, ':p')
  local start = dirname(path)
  local dir = start
  while true do
    for _, marker in ipairs(markers) do
      if uv.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = dirname(dir)
    if parent == dir then
      return start
    end
    dir = parent
  end
end

local function notify_settings(client)
  call(client, 'notify', 'workspace/didChangeConfiguration', { settings = client.config.settings })
end

--- The client configuration for a root directory (what vim.lsp.start / start_client take).
function M.client_config(root_dir)
  local settings = M.server_settings(options)
  local config = {
    name = 'nblint',
    cmd = vim.deepcopy(options.cmd),
    root_dir = root_dir,
    workspace_folders = {
      { uri = vim.uri_from_fname(root_dir), name = root_dir },
    },
    settings = settings,
    init_options = settings,
    on_init = function(client, result)
      -- Neovim 0.7-0.9 do not negotiate the position encoding: take the server's
      -- (LSP 3.17 `positionEncoding`; utf-16 when it says nothing).
      local enc = result and result.capabilities and result.capabilities.positionEncoding
      if enc == 'utf-8' or enc == 'utf-16' or enc == 'utf-32' then
        client.offset_encoding = enc
      end
      -- Neovim 0.7 sends no settings by itself.
      notify_settings(client)
      return true
    end,
    on_attach = options.on_attach,
    capabilities = options.capabilities,
    trace = options.trace,
  }
  return config
end

local function buffer_path(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or name:match('^%a[%w+.-]*://') then
    return nil
  end
  return name
end

--- Starts (or reuses) the server for the buffer's root and attaches the buffer.
--- Returns the client id, or nil for a buffer that is not a file.
function M.attach(bufnr)
  if bufnr == nil or bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  if vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local path = buffer_path(bufnr)
  local root = M.find_root(path, options.root_markers)
  local config = M.client_config(root)

  if vim.lsp.start then
    -- Neovim 0.8+: reuses a client of the same name and root.
    return vim.lsp.start(config, { bufnr = bufnr })
  end

  -- Neovim 0.7.
  local id = clients_by_root[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or call(client, 'is_stopped') then
    id = vim.lsp.start_client(config)
    if not id then
      vim.notify(
        ('nblint: cannot start %s; set `cmd` in require("nblint").setup()'):format(table.concat(options.cmd, ' ')),
        vim.log.levels.ERROR
      )
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- The running nblint clients.
function M.clients()
  local out = {}
  for _, client in pairs(get_clients()) do
    if client.name == 'nblint' then
      table.insert(out, client)
    end
  end
  return out
end

--- Changes `lang` and/or `rules` and tells the running servers (no restart):
---   require('nblint').set_settings({ lang = 'en', rules = { duplicates = 'off' } })
--- `rules` replaces the whole table; `lang = false` goes back to nblint.toml's.
function M.set_settings(new)
  new = new or {}
  local merged = vim.deepcopy(options)
  if new.lang ~= nil then
    merged.lang = new.lang or nil
  end
  if new.rules ~= nil then
    merged.rules = new.rules
  end
  validate(merged)
  options = merged
  local settings = M.server_settings(options)
  for _, client in ipairs(M.clients()) do
    client.config.settings = settings
    notify_settings(client)
  end
end

--- Stops the servers and attaches every matching buffer again.
function M.restart()
  local old = M.clients()
  for _, client in ipairs(old) do
    call(client, 'stop')
  end
  clients_by_root = {}
  vim.wait(5000, function()
    return #M.clients() == 0
  end, 20)
  -- Neovim 0.7 can keep a stopped client's diagnostics (its reset runs after the
  -- client is detached, and a late publishDiagnostics still lands): clear them.
  if vim.lsp.diagnostic and vim.lsp.diagnostic.get_namespace then
    for _, client in ipairs(old) do
      vim.diagnostic.reset(vim.lsp.diagnostic.get_namespace(client.id))
    end
  end
  M.attach_existing()
end

function M.attach_existing()
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(options.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

--- The current options (a copy).
function M.options()
  return vim.deepcopy(options)
end

--- Configures nblint and lints every buffer of `filetypes`, open now or later.
function M.setup(opts)
  opts = opts or {}
  local merged = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts)
  -- lists and the rules table are replaced, not merged
  for _, key in ipairs({ 'cmd', 'filetypes', 'root_markers', 'rules' }) do
    if opts[key] ~= nil then
      merged[key] = opts[key]
    end
  end
  validate(merged)
  options = merged

  local group = vim.api.nvim_create_augroup('nblint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = options.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
    desc = 'nblint: start the language server',
  })
  vim.api.nvim_create_user_command('NblintRestart', function()
    M.restart()
  end, { desc = 'Restart the nblint language server' })
  M.attach_existing()
end

return M

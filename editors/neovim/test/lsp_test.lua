-- Drives Neovim's built-in LSP client against `nblint lsp` through editors/neovim
-- (require('nblint').setup) and compares the diagnostics Neovim holds with what
-- `nblint check --format json` says for the same files. Run by run.sh, which sets:
--   NBLINT_BIN        the nblint executable
--   NBLINT_TEST_DIR   a directory with the reports and, for each REPORT, the CLI's
--                     REPORT.zh.json and REPORT.en.json
--   NBLINT_TEST_FILES the reports, comma-separated
-- Prints one line per check and a closing "neovim-lsp: N passed, M failed";
-- exits 1 on any failure.

local passed, failed = 0, 0
local out = io.stdout

local function say(s)
  out:write(s .. '\n')
  out:flush()
end

local function check(ok, what, detail)
  if ok then
    passed = passed + 1
    say('ok     ' .. what)
  else
    failed = failed + 1
    say('FAILED ' .. what .. (detail and ('\n       ' .. detail:gsub('\n', '\n       ')) or ''))
  end
  return ok
end

local function finish()
  say(('neovim-lsp: %d passed, %d failed'):format(passed, failed))
  if failed > 0 or passed == 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

local function read_json(path)
  local f = assert(io.open(path, 'rb'))
  local s = f:read('*a')
  f:close()
  return vim.json.decode(s)
end

local SEVERITY = {
  error = vim.diagnostic.severity.ERROR,
  warning = vim.diagnostic.severity.WARN,
  info = vim.diagnostic.severity.INFO,
}

-- The CLI's 1-based Unicode-scalar column on `line` (1-based) as Neovim's 0-based byte column.
local function byte_col(buf, line, column)
  local text = vim.api.nvim_buf_get_lines(buf, line - 1, line, false)[1]
  if text == nil then
    return column - 1
  end
  local chars = vim.str_utfindex(text) -- length in code points
  if column - 1 >= chars then
    return #text
  end
  return vim.str_byteindex(text, column - 1)
end

-- What Neovim should hold for one CLI diagnostic.
local function expected_of(buf, d, line_shift)
  line_shift = line_shift or 0
  return {
    code = d.rule,
    lnum = d.line - 1 + line_shift,
    col = byte_col(buf, d.line + line_shift, d.column),
    end_lnum = d.end_line - 1 + line_shift,
    end_col = byte_col(buf, d.end_line + line_shift, d.end_column),
    severity = SEVERITY[d.severity],
    message = d.message,
    char_col = d.column - 1,
  }
end

local function key(d)
  return ('%s@%d:%d-%d:%d'):format(tostring(d.code), d.lnum, d.col, d.end_lnum, d.end_col)
end

local function describe(list)
  local lines = {}
  for _, d in ipairs(list) do
    table.insert(lines, ('%s sev=%s ns=%s msg=%q'):format(key(d), tostring(d.severity), tostring(d.namespace), (d.message or ''):sub(1, 60)))
  end
  table.sort(lines)
  return table.concat(lines, '\n')
end

local function nblint_diagnostics(buf)
  local got = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'nblint' or d.code ~= nil then
      table.insert(got, d)
    end
  end
  return got
end

-- Whether the buffer's diagnostics are exactly `want` (positions, rule, severity;
-- messages start with the CLI's message). Returns ok, detail.
local function same(buf, want)
  local got = nblint_diagnostics(buf)
  if #got ~= #want then
    return false, ('%d diagnostics in Neovim, %d from the CLI\nNeovim:\n%s\nCLI:\n%s'):format(#got, #want, describe(got), describe(want))
  end
  local by_key = {}
  for _, d in ipairs(got) do
    by_key[key(d)] = by_key[key(d)] or {}
    table.insert(by_key[key(d)], d)
  end
  for _, w in ipairs(want) do
    local candidates = by_key[key(w)]
    local found = nil
    for i, d in ipairs(candidates or {}) do
      if d.severity == w.severity and d.message:sub(1, #w.message) == w.message then
        found = table.remove(candidates, i)
        break
      end
    end
    if not found then
      return false, ('no match for %s sev=%s msg=%q\nNeovim:\n%s'):format(key(w), tostring(w.severity), w.message, describe(got))
    end
  end
  return true
end

local function wait_same(buf, want, timeout)
  local ok, detail = false, nil
  vim.wait(timeout or 60000, function()
    ok, detail = same(buf, want)
    return ok
  end, 50)
  if not ok then
    ok, detail = same(buf, want)
  end
  return ok, detail
end

-- Opens each report and checks its diagnostics; `full` also checks edits and settings.
local function check_files(nblint, dir, files, label, full)
  local cjk_total = 0
  for _, name in ipairs(files) do
    local path = dir .. '/' .. name
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    local buf = vim.api.nvim_get_current_buf()
    local what = ('[%s] %s'):format(label, name)
    check(vim.bo[buf].filetype == 'text', what .. ': filetype is text', 'filetype ' .. vim.bo[buf].filetype)

    local attached = vim.wait(10000, function()
      return next(vim.lsp.buf_get_clients(buf)) ~= nil
    end, 20)
    if not check(attached, what .. ': nblint client attached') then
      return
    end
    local client = nblint.clients()[1]

    local zh = read_json(path .. '.zh.json').files[1].diagnostics
    local en = read_json(path .. '.en.json').files[1].diagnostics
    local want = {}
    local cjk = 0
    for _, d in ipairs(zh) do
      local w = expected_of(buf, d)
      table.insert(want, w)
      if w.col ~= w.char_col then
        cjk = cjk + 1
      end
    end
    cjk_total = cjk_total + cjk
    check(#want > 0, what .. ': the CLI reports diagnostics (' .. #want .. ')')

    local ok, detail = wait_same(buf, want)
    check(
      ok,
      ('%s: Neovim holds the CLI\'s %d diagnostics (rule, severity, message, byte positions; %d after CJK text on their line)'):format(
        what,
        #want,
        cjk
      ),
      detail
    )

    -- An edit: a blank line at the top moves every diagnostic one line down.
    vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '' })
    local shifted = {}
    for _, d in ipairs(zh) do
      table.insert(shifted, expected_of(buf, d, 1))
    end
    ok, detail = wait_same(buf, shifted, 30000)
    check(ok, what .. ': after inserting a line, the diagnostics follow the edit', detail)
    vim.api.nvim_buf_set_lines(buf, 0, 1, false, {})
    ok, detail = wait_same(buf, want, 30000)
    check(ok, what .. ': after removing it, the diagnostics are back', detail)

    do
      -- Hover and code actions at a diagnostic that starts after CJK text: Neovim turns
      -- the cursor's byte column into the negotiated encoding, the server must land on
      -- the same cell.
      local target = nil
      for _, w in ipairs(want) do
        if w.col ~= w.char_col and w.lnum == w.end_lnum then
          target = w
          break
        end
      end
      if target then
        local at = ('%s at %d:%d'):format(target.code, target.lnum + 1, target.col)
        vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
        local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', vim.lsp.util.make_position_params(), 10000)
        local text = ''
        for _, r in pairs(hover or {}) do
          local c = r.result and r.result.contents
          text = text .. (type(c) == 'table' and (c.value or vim.inspect(c)) or tostring(c))
        end
        check(text:find('**' .. target.code .. '**', 1, true) ~= nil, what .. ': hover on ' .. at .. ' explains the rule', text)

        local params = vim.lsp.util.make_range_params()
        params.context = { diagnostics = {} }
        local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000)
        local disable = nil
        for _, r in pairs(actions or {}) do
          for _, a in ipairs(r.result or {}) do
            local edit = a.edit and vim.inspect(a.edit) or ''
            if not disable and edit:find('nblint%-disable[%w%-]* ' .. vim.pesc(target.code)) then
              disable = a
            end
          end
        end
        if check(disable ~= nil, what .. ': a code action at ' .. at .. ' disables the rule', vim.inspect(actions)) then
          local before = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
          vim.lsp.util.apply_workspace_edit(disable.edit, client.offset_encoding)
          local left = vim.tbl_filter(function(w)
            return not (w.code == target.code and w.lnum == target.lnum)
          end, want)
          local ok_count = vim.wait(30000, function()
            local got = nblint_diagnostics(buf)
            for _, d in ipairs(got) do
              if d.code == target.code and d.message:sub(1, #target.message) == target.message then
                return false
              end
            end
            return #got == #left
          end, 50)
          check(ok_count, ('%s: applying "%s" silences it'):format(what, disable.title), describe(nblint_diagnostics(buf)))
          vim.api.nvim_buf_set_lines(buf, 0, -1, false, before)
          ok, detail = wait_same(buf, want, 30000)
          check(ok, what .. ': after undoing it, the diagnostics are back', detail)
        end
      end
    end

    if full then
      -- Settings through workspace/didChangeConfiguration.
      nblint.set_settings({ lang = 'en' })
      local want_en = {}
      for _, d in ipairs(en) do
        table.insert(want_en, expected_of(buf, d))
      end
      ok, detail = wait_same(buf, want_en, 30000)
      check(ok, what .. ': lang = "en" gives the CLI\'s --lang en messages', detail)

      local rule = zh[1].rule
      local rest = {}
      for _, w in ipairs(want_en) do
        if w.code ~= rule then
          table.insert(rest, w)
        end
      end
      nblint.set_settings({ rules = { [rule] = 'off' } })
      ok, detail = wait_same(buf, rest, 30000)
      check(ok, ('%s: rules = { ["%s"] = "off" } removes its diagnostics only'):format(what, rule), detail)

      nblint.set_settings({ lang = false, rules = {} })
      ok, detail = wait_same(buf, want, 30000)
      check(ok, what .. ': back to the defaults', detail)
    end
  end
  check(cjk_total > 0, ('[%s] some diagnostics start after CJK text (%d), so byte ≠ character columns were compared'):format(label, cjk_total))
  -- One server for the directory (the root), shared by the buffers.
  local clients = nblint.clients()
  check(#clients == 1, ('[%s] one nblint server for the files of one directory'):format(label), #clients .. ' clients')
  return clients[1]
end

local function run()
  local bin = assert(os.getenv('NBLINT_BIN'), 'NBLINT_BIN is not set')
  local dir = assert(os.getenv('NBLINT_TEST_DIR'), 'NBLINT_TEST_DIR is not set')
  local files = vim.split(assert(os.getenv('NBLINT_TEST_FILES'), 'NBLINT_TEST_FILES is not set'), ',', true)

  vim.cmd('filetype on')
  vim.o.hidden = true
  local v = vim.version()
  say(('neovim %d.%d.%d, server %s lsp'):format(v.major, v.minor, v.patch, bin))
  local nblint = require('nblint')

  -- 1. As a user sets it up: Neovim's own capabilities (0.7 offers no position
  --    encoding, so the server speaks UTF-16).
  nblint.setup({ cmd = { bin, 'lsp' } })
  local client = check_files(nblint, dir, files, 'default', true)
  if client then
    say('       position encoding: ' .. tostring(client.offset_encoding))
  end

  -- 2. A client that offers UTF-8 (LSP 3.17 positionEncodings): the server picks it and
  --    the setup's on_init makes Neovim convert UTF-8 columns.
  local caps = vim.lsp.protocol.make_client_capabilities()
  caps.general = caps.general or {}
  caps.general.positionEncodings = { 'utf-8', 'utf-16' }
  nblint.setup({ cmd = { bin, 'lsp' }, capabilities = caps })
  nblint.restart()
  vim.wait(10000, function()
    local c = nblint.clients()[1]
    return c ~= nil and c.initialized ~= false and c.offset_encoding == 'utf-8'
  end, 20)
  local c = nblint.clients()[1]
  check(c ~= nil and c.offset_encoding == 'utf-8', '[utf-8] the server chose UTF-8 when offered', c and tostring(c.offset_encoding))
  check_files(nblint, dir, files, 'utf-8', false)
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  check(false, 'the test ran to its end', tostring(err))
end
finish()

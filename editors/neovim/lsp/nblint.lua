-- Neovim 0.11+: with this directory on 'runtimepath',
--   vim.lsp.enable('nblint')
-- starts `nblint lsp` for text, Markdown and HTML buffers; settings with
--   vim.lsp.config('nblint', { settings = { nblint = { lang = 'en', rules = { duplicates = 'off' } } } })
-- For older versions use require('nblint').setup() (lua/nblint/init.lua).
return {
  cmd = { 'nblint', 'lsp' },
  filetypes = { 'text', 'markdown', 'html' },
  root_markers = { 'nblint.toml', '.git' },
  settings = { nblint = { rules = vim.empty_dict() } },
}

-- NoteLsp as an nvim-lspconfig server definition (lspconfig's `configs` format).
-- In your config:
--   local configs = require('lspconfig.configs')
--   if not configs.notelsp then configs.notelsp = dofile('/path/to/editors/nvim/lspconfig/notelsp.lua') end
--   require('lspconfig').notelsp.setup({})
local util = require('lspconfig.util')

return {
  default_config = {
    cmd = { 'notelsp' },
    filetypes = { 'markdown' },
    root_dir = util.root_pattern('.notelsp.yml', '.git'),
    single_file_support = true,
    settings = { notelsp = {} },
  },
  docs = {
    description = [[
NoteLsp: a language server for wiki-style Markdown note vaults ([[wikilinks]], front matter, video timestamps).
Install it with `dotnet tool install --global notelsp` (or put a published `notelsp` on PATH).
]],
  },
}

-- NoteLsp for Neovim >= 0.11 (vim.lsp.config / vim.lsp.enable).
-- Put this file on your runtimepath as lsp/notelsp.lua (e.g. ~/.config/nvim/lsp/notelsp.lua), then:
--   vim.lsp.enable('notelsp')
return {
  cmd = { 'notelsp' },
  filetypes = { 'markdown' },
  -- A vault is the folder holding .notelsp.yml, else the git root; a lone note works as a one-note vault.
  root_markers = { '.notelsp.yml', '.git' },
  settings = {
    notelsp = {
      -- severities = { ['link-broken'] = 'warning', ['timestamp-no-video'] = 'off' },
    },
  },
}

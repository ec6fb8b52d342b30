-- Clicking NoteLsp's reference lenses ("3 links" above a note's title or a heading) runs the client command
-- `notelsp.showReferences` with the arguments (uri, position, locations). Neovim has no built-in command of that
-- name: this file registers one that puts the locations in the quickfix list. Load it once from your config,
-- whichever setup you use (lsp/notelsp.lua, lspconfig/notelsp.lua or notelsp-legacy.lua):
--
--   dofile('/path/to/editors/nvim/show-references.lua')
--
-- Lenses show after `vim.lsp.codelens.refresh()` (e.g. from BufEnter and InsertLeave autocmds); run the one on
-- the cursor's line with `vim.lsp.codelens.run()`.
vim.lsp.commands['notelsp.showReferences'] = function(command, ctx)
  local locations = (command.arguments or {})[3] or {}
  local client = ctx and ctx.client_id and vim.lsp.get_client_by_id(ctx.client_id)
  local encoding = client and client.offset_encoding or 'utf-16'
  vim.fn.setqflist({}, ' ', {
    title = command.title,
    items = vim.lsp.util.locations_to_items(locations, encoding),
  })
  vim.cmd('botright copen')
end

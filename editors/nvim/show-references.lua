-- Clicking NoteLsp's reference lenses ("3 links" above a note's title or a heading) runs the client command
-- `notelsp.showReferences` with the arguments (uri, position, locations). Neovim has no built-in command of that
-- name: this file registers one that puts the locations in the quickfix list. Load it once from your config,
-- whichever setup you use (lsp/notelsp.lua, lspconfig/notelsp.lua or notelsp-legacy.lua):
--
--   dofile('/path/to/editors/nvim/show-references.lua')
--
-- Lenses show after `vim.lsp.codelens.refresh()`, and running the one on the cursor's line
-- (`vim.lsp.codelens.run()`) calls this command. A binding for Markdown buffers (Neovim 0.7 and later):
--
--   vim.api.nvim_create_autocmd('LspAttach' --[[0.8+; on 0.7 use the client's on_attach]], {
--     callback = function(args)
--       local buffer = args.buf
--       vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'BufWritePost' }, {
--         buffer = buffer, callback = function() vim.lsp.codelens.refresh() end })
--       vim.keymap.set('n', '<leader>cl', vim.lsp.codelens.run, { buffer = buffer, desc = 'NoteLsp: show the links' })
--       vim.lsp.codelens.refresh()
--     end,
--   })
--
-- The quickfix list then holds the links ("3 links" as its title); `:cnext`/`:cprev` walk them.
-- editors/nvim/test/lsp_test.lua checks this on Neovim 0.7.2 (the block "code lenses").
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

-- NoteLsp for Neovim 0.7 - 0.10 without nvim-lspconfig: start one client per vault and attach Markdown buffers.
-- Source this file from your init.lua (or copy it in). The server command is `notelsp` on PATH unless
-- vim.g.notelsp_cmd (a list, e.g. { 'dotnet', '/path/to/notelsp.dll' }) says otherwise; set it before sourcing.
local function vault_root(path)
  local found = vim.fs and vim.fs.find and vim.fs.find({ '.notelsp.yml', '.git' }, { upward = true, path = path })[1]
  if found then return vim.fn.fnamemodify(found, ':h') end
  return path
end

local clients = {}
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  callback = function(args)
    local root = vault_root(vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h'))
    if not clients[root] then
      clients[root] = vim.lsp.start_client({
        name = 'notelsp',
        cmd = vim.g.notelsp_cmd or { 'notelsp' },
        root_dir = root,
        workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      })
    end
    if clients[root] then vim.lsp.buf_attach_client(args.buf, clients[root]) end
  end,
})

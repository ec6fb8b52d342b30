---@brief
---
--- NoteLsp: a language server for wiki-style Markdown note vaults — `[[wikilinks]]`, YAML front matter and
--- video timestamps. Completion of note names, go to definition, backlinks, rename across files, hover,
--- symbols, document links, quick fixes, and diagnostics for broken links and broken timestamps.
---
--- Install `notelsp` (a single binary from a release, or `dotnet tool install --global notelsp`) and make sure
--- it is on your PATH. A vault is the folder holding `.notelsp.yml`, else the git root; a lone note works as a
--- one-note vault. Settings under `notelsp` override the vault's `.notelsp.yml`:
---
--- ```lua
--- vim.lsp.config('notelsp', {
---   settings = { notelsp = { severities = { ['timestamp-no-video'] = 'off' } } },
--- })
--- vim.lsp.enable('notelsp')
--- ```
---
--- Reference lenses ("3 links") run the client command `notelsp.showReferences`: `show-references.lua` beside
--- this file registers it (the locations go to the quickfix list).

---@type vim.lsp.Config
return {
  cmd = { 'notelsp' },
  filetypes = { 'markdown' },
  root_markers = { '.notelsp.yml', '.git' },
}

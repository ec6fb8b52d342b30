-- Headless Neovim (0.7.2, Debian) test of NoteLsp through Neovim's own LSP client.
-- Run by run.sh: NOTELSP_CMD is the server command line, VAULT a scratch vault this script fills.
local vault = assert(os.getenv('VAULT'), 'VAULT not set')
local cmd = vim.split(assert(os.getenv('NOTELSP_CMD'), 'NOTELSP_CMD not set'), ' ', { trimempty = true })

local passed, failed = 0, 0
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    io.stdout:write('ok   ' .. name .. '\n')
  else
    failed = failed + 1
    io.stdout:write('FAIL ' .. name .. (detail and (': ' .. detail) or '') .. '\n')
  end
end

local function write(path, text)
  local f = assert(io.open(vault .. '/' .. path, 'w'))
  f:write(text)
  f:close()
end

local function exists(path)
  return vim.loop.fs_stat(vault .. '/' .. path) ~= nil
end

local function read(path)
  local f = io.open(vault .. '/' .. path, 'r')
  if not f then return nil end
  local text = f:read('*a')
  f:close()
  return text
end

write('alpha.md', '---\ntitle: Alpha note\n---\n\n# Alpha note\n\nSee [[beta]] and [[missing_note]].\n\n## Details\n\nText.\n')
write('beta.md', '# Beta\n\nBack to [[alpha]] and [[alpha#Details]].\n')
write('gamma.md', '# Gamma\n\nAlso [[alpha | the first note]]. #observing/deep-sky\n')
write('zettel_7.md', '---\ntitle: Note Taking Basics\naliases: [Bullet Journal]\n---\nBody.\n')

-- The shipped legacy configuration, as a user sources it: it starts the client when a Markdown buffer opens.
vim.g.notelsp_cmd = cmd
vim.cmd('filetype on')
dofile(assert(os.getenv('NOTELSP_CONFIG'), 'NOTELSP_CONFIG not set'))

local client_id
local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(vault .. '/' .. path))
  return vim.api.nvim_get_current_buf()
end

local first = open('alpha.md')
-- The client attaches the buffer once it has initialized.
vim.wait(30000, function()
  for _, client in pairs(vim.lsp.buf_get_clients(first)) do
    if client.name == 'notelsp' then client_id = client.id end
  end
  return client_id ~= nil
end, 100)
check('server starts from notelsp-legacy.lua and attaches the Markdown buffer', client_id ~= nil)
local attached = client_id and vim.lsp.get_client_by_id(client_id)
check('the vault folder is the root', attached ~= nil and attached.config.root_dir == vault,
  attached and attached.config.root_dir or 'no client')

local function cursor_on(text)
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  for i, line in ipairs(lines) do
    local col = line:find(text, 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { i, col - 1 })
      return true
    end
  end
  return false
end

-- 1. Diagnostics: the broken link is reported where it is.
local alpha = open('alpha.md')
local got = vim.wait(30000, function()
  for _, d in ipairs(vim.diagnostic.get(alpha)) do
    if d.code == 'link-broken' then return true end
  end
  return false
end, 100)
local diags = vim.diagnostic.get(alpha)
local broken
for _, d in ipairs(diags) do if d.code == 'link-broken' then broken = d end end
check('diagnostics: link-broken shown by vim.diagnostic.get', got, vim.inspect(diags))
check('diagnostics: range is the target text',
  broken ~= nil and broken.lnum == 6 and broken.col == 19 and broken.end_col == 31,
  broken and string.format('%d:%d-%d', broken.lnum, broken.col, broken.end_col) or 'none')
check('diagnostics: beta is not reported broken', #vim.tbl_filter(function(d) return d.code == 'link-broken' end, diags) == 1)

-- 2. Completion through the real omnifunc: items must survive its prefix filter after `[[`.
-- Types `line` on a new last line of alpha, asks the omnifunc, and returns what it hands to complete().
local function omni(line)
  vim.api.nvim_buf_set_lines(alpha, -1, -1, false, { line })
  local last = vim.api.nvim_buf_line_count(alpha)
  vim.api.nvim_win_set_cursor(0, { last, #line })
  local completed
  local real_complete, real_mode = vim.fn.complete, vim.fn.mode
  vim.fn.mode = function() return 'i' end
  vim.fn.complete = function(startcol, items) completed = { startcol = startcol, items = items } end
  vim.lsp.omnifunc(1, '')
  vim.wait(10000, function() return completed ~= nil end, 50)
  vim.fn.complete, vim.fn.mode = real_complete, real_mode
  vim.api.nvim_buf_set_lines(alpha, last - 1, last, false, {})
  local words = {}
  for _, item in ipairs(completed and completed.items or {}) do table.insert(words, item.word) end
  return completed, words
end

local completed, words = omni('Now [[bet')
check('completion: omnifunc keeps the beta note after [[bet', vim.tbl_contains(words, 'beta]]'), vim.inspect(words))
check('completion: replaces from just after [[', completed ~= nil and completed.startcol == #'Now [[' + 1,
  completed and tostring(completed.startcol) or 'no completion')

-- A note found by its alias and by a word of its title (its stem, zettel_7, shares nothing with either).
completed, words = omni('Now [[Bull')
check('completion: an alias prefix offers the note', vim.tbl_contains(words, 'Bullet Journal]]'), vim.inspect(words))
check('completion: the alias replaces from just after [[', completed ~= nil and completed.startcol == #'Now [[' + 1,
  completed and tostring(completed.startcol) or 'no completion')
completed, words = omni('Now [[Note')
check('completion: a title word offers the note', vim.tbl_contains(words, 'Note Taking Basics]]'), vim.inspect(words))

-- A tag of the vault after '#' (docs/notes-format.md §9): the name replaces what follows the '#'.
completed, words = omni('Now #obs')
check('completion: # offers a vault tag', vim.tbl_contains(words, 'observing/deep-sky'), vim.inspect(words))
check('completion: the tag replaces from just after #', completed ~= nil and completed.startcol == #'Now #' + 1,
  completed and tostring(completed.startcol) or 'no completion')

-- 3. Definition jumps to the target note.
cursor_on('[[beta]]')
vim.api.nvim_win_set_cursor(0, { vim.api.nvim_win_get_cursor(0)[1], vim.api.nvim_win_get_cursor(0)[2] + 3 })
vim.lsp.buf.definition()
local jumped = vim.wait(10000, function() return vim.api.nvim_buf_get_name(0):match('beta%.md$') ~= nil end, 50)
check('definition: jumps to beta.md', jumped, vim.api.nvim_buf_get_name(0))

-- 4. Rename the note from a link: Neovim applies the edits and renames the file.
open('beta.md')
cursor_on('[[alpha]]')
vim.api.nvim_win_set_cursor(0, { vim.api.nvim_win_get_cursor(0)[1], vim.api.nvim_win_get_cursor(0)[2] + 3 })
vim.lsp.buf.rename('first_note')
vim.wait(10000, function() return exists('first_note.md') end, 50)
vim.cmd('silent! wall')
check('rename: the file is renamed', exists('first_note.md') and not exists('alpha.md'))
local beta_text, gamma_text = read('beta.md') or '', read('gamma.md') or ''
check('rename: links in beta.md follow', beta_text:find('[[first_note]]', 1, true) ~= nil
  and beta_text:find('[[first_note#Details]]', 1, true) ~= nil, beta_text)
check('rename: the label in gamma.md is kept', gamma_text:find('[[first_note | the first note]]', 1, true) ~= nil, gamma_text)

-- ==== BEGIN code lenses (reference lenses and the shipped show-references.lua) ====
-- Notes of their own, opened so the server has them whatever its file watching does: the title lens of lens_target
-- counts the three links to it (one to its heading), the heading's lens the one link to that heading.
write('lens_one.md', '# One\n\n[[lens_target]] and [[lens_target#Part two]].\n')
write('lens_two.md', '# Two\n\nSee [[lens_target | the target]].\n')
write('lens_target.md', '---\ntitle: Lens target\n---\n\n## Part two\n\nText.\n')
open('lens_one.md')
open('lens_two.md')
local lens_buf = open('lens_target.md')
dofile(assert(os.getenv('NOTELSP_SHOW_REFERENCES'), 'NOTELSP_SHOW_REFERENCES not set'))

-- As a user's autocmd does: refresh, and the client resolves each lens (codeLens/resolve).
local function resolved_lens(line)
  for _, lens in ipairs(vim.lsp.codelens.get(lens_buf)) do
    if lens.range.start.line == line and lens.command then return lens end
  end
end
local title_lens, heading_lens
vim.wait(30000, function()
  vim.lsp.codelens.refresh()
  title_lens, heading_lens = resolved_lens(1), resolved_lens(4)
  return title_lens ~= nil and heading_lens ~= nil
end, 200)
check('code lens: the title lens is resolved to "3 links"', title_lens ~= nil and title_lens.command.title == '3 links',
  vim.inspect(vim.lsp.codelens.get(lens_buf)))
check('code lens: the heading lens is resolved to "1 link"', heading_lens ~= nil and heading_lens.command.title == '1 link',
  vim.inspect(vim.lsp.codelens.get(lens_buf)))
check('code lens: the lens runs notelsp.showReferences',
  title_lens ~= nil and title_lens.command.command == 'notelsp.showReferences',
  title_lens and title_lens.command.command or 'no lens')

-- Running the lens on the cursor's line, as a user's mapping does, fills the quickfix list through show-references.lua.
vim.fn.setqflist({}, 'r', { title = 'before', items = {} })
vim.api.nvim_set_current_buf(lens_buf)
vim.api.nvim_win_set_cursor(0, { 2, 0 })
vim.lsp.codelens.run()
local items = vim.fn.getqflist()
local linking = {}
for _, item in ipairs(items) do
  table.insert(linking, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(item.bufnr), ':t') .. ':' .. item.lnum .. ':' .. item.col)
end
table.sort(linking)
check('code lens: running it lists the 3 links in the quickfix list',
  vim.deep_equal(linking, { 'lens_one.md:3:1', 'lens_one.md:3:21', 'lens_two.md:3:5' }), vim.inspect(linking))
check('code lens: the quickfix list is titled by the lens', vim.fn.getqflist({ title = 1 }).title == '3 links',
  vim.fn.getqflist({ title = 1 }).title)
vim.cmd('cclose')
-- ==== END code lenses ====

vim.lsp.stop_client(client_id)
io.stdout:write(string.format('%d passed, %d failed\n', passed, failed))
vim.cmd(failed == 0 and 'qa!' or 'cq!')

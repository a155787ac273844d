-- A real editor session against `digest-lint server`, for CI:
--
--   DIGEST_LINT=path/to/digest-lint DIGEST_LINT_REPORT=report.txt \
--     nvim --headless -u editors/nvim/init.lua path/to/2025-03-14.txt
--
-- Written for Neovim 0.7 (Debian 12), whose client has vim.lsp.start_client
-- and vim.lsp.buf_attach_client (vim.lsp.start came in 0.8). It opens the
-- digest, waits for the diagnostics, applies the quick fix for trailing
-- white space through a code action, formats the buffer, runs the fix-all
-- command (the server answers with workspace/applyEdit, which Neovim's own
-- handler applies), and writes what it saw to DIGEST_LINT_REPORT and the
-- final buffer to DIGEST_LINT_REPORT .. '.txt'. Exits 0 when every step
-- worked, 1 otherwise.

local bin = os.getenv('DIGEST_LINT') or 'digest-lint'
local report_path = os.getenv('DIGEST_LINT_REPORT') or 'nvim-report.txt'
local timeout = 20000
local report = {}

local function say(fmt, ...)
  table.insert(report, string.format(fmt, ...))
end

local function finish(ok)
  say('result: %s', ok and 'ok' or 'FAILED')
  local f = io.open(report_path, 'w')
  if f then
    f:write(table.concat(report, '\n') .. '\n')
    f:close()
  end
  if ok then
    vim.cmd('qall!')
  else
    vim.cmd('cquit! 1')
  end
end

local function code_of(d)
  if d.code then
    return d.code
  end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code or '?'
end

local function codes(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, code_of(d))
  end
  table.sort(list)
  return table.concat(list, ' ')
end

local function has_code(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == code then
      return d
    end
  end
  return nil
end

local function buffer_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
end

local function main()
  local buf = vim.api.nvim_get_current_buf()
  local file = vim.api.nvim_buf_get_name(buf)
  say('nvim: %s', tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch)
  say('file: %s', vim.fn.fnamemodify(file, ':t'))

  local client_id = vim.lsp.start_client({
    name = 'digest-lint',
    cmd = { bin, 'server' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
  })
  if not client_id then
    say('could not start %s server', bin)
    return finish(false)
  end
  vim.lsp.buf_attach_client(buf, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  -- 1. Diagnostics on open.
  if not vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    say('no diagnostics within %d ms', timeout)
    return finish(false)
  end
  say('offset encoding: %s', client.offset_encoding)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local first_line = vim.split(d.message, '\n')[1]
    say('diagnostic: %s %d:%d %s', code_of(d), d.lnum + 1, d.col, first_line)
  end

  -- The trailing space follows Hangul and an emoji: Neovim converts the
  -- server's UTF-16 column to a byte column, which must land on the space.
  local w001 = has_code(buf, 'W001')
  if not w001 then
    say('no W001 finding')
    return finish(false)
  end
  local line = vim.api.nvim_buf_get_lines(buf, w001.lnum, w001.lnum + 1, false)[1]
  local space = (line:find('%s+$') or 0) - 1
  say('W001 byte column: %d, trailing space at byte %d: %s', w001.col, space,
    w001.col == space and 'match' or 'MISMATCH')
  if w001.col ~= space then
    return finish(false)
  end

  -- 2. A quick fix through a code action.
  vim.api.nvim_win_set_cursor(0, { w001.lnum + 1, w001.col })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, w001.lnum) }
  local results = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, timeout) or {}
  local chosen
  local titles = {}
  for _, res in pairs(results) do
    for _, action in ipairs(res.result or {}) do
      table.insert(titles, (action.kind or '?') .. ': ' .. action.title)
      if action.kind == 'quickfix' and action.title:find('W001', 1, true) then
        chosen = action
      end
    end
  end
  say('code actions offered: %s', table.concat(titles, ' | '))
  if not chosen then
    say('no W001 quick fix offered')
    return finish(false)
  end
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  say('applied: %s', chosen.title)
  if not vim.wait(timeout, function() return has_code(buf, 'W001') == nil end, 20) then
    say('W001 still reported after its fix')
    return finish(false)
  end
  say('after the quick fix: %s', codes(buf))

  -- 3. Formatting.
  local before = buffer_text(buf)
  vim.lsp.buf.formatting_sync(nil, timeout)
  local formatted = buffer_text(buf) ~= before
  say('formatting changed the buffer: %s', tostring(formatted))
  if not formatted then
    return finish(false)
  end
  vim.wait(timeout, function() return has_code(buf, 'W004') == nil end, 20)
  say('after formatting: %s', codes(buf))

  -- 4. Every safe fix through the command: the server sends
  -- workspace/applyEdit, which Neovim's handler applies.
  local done = false
  local uri = vim.uri_from_bufnr(buf)
  client.request('workspace/executeCommand',
    { command = 'digest-lint.applyFixAll', arguments = { uri } },
    function(err) done = true; if err then say('executeCommand error: %s', err.message) end end,
    buf)
  if not vim.wait(timeout, function() return done and has_code(buf, 'L004') == nil end, 20) then
    say('fix-all did not remove L004')
    return finish(false)
  end
  say('after fix-all: %s', codes(buf))

  -- Written the way a user saves (Neovim's 'eol' and 'fixeol' apply).
  say('eol: %s, fixeol: %s', tostring(vim.bo[buf].eol), tostring(vim.bo[buf].fixeol))
  vim.cmd('silent noautocmd write! ' .. vim.fn.fnameescape(report_path .. '.txt'))
  vim.lsp.stop_client(client_id)
  finish(true)
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(main)
    if not ok then
      say('error: %s', tostring(err))
      finish(false)
    end
  end,
})

" Writes, for every line of the buffer, the syntax group at each byte ('-' for none),
" space-separated, to the file named by $DLN_SYNTAX_DUMP; then quits. Run headless:
"   vim -N -u NONE -i NONE -n -es --cmd 'set rtp^=editors/vim' -c 'syntax on' \
"       -c 'set ft=dln' -c 'source editors/tests/vim_syntax.vim' NOTEBOOK
let s:lines = []
for s:line in range(1, line('$'))
  let s:names = []
  for s:column in range(1, col([s:line, '$']) - 1)
    let s:name = synIDattr(synID(s:line, s:column, 1), 'name')
    call add(s:names, s:name == '' ? '-' : s:name)
  endfor
  call add(s:lines, join(s:names, ' '))
endfor
call writefile(s:lines, $DLN_SYNTAX_DUMP)
qall!

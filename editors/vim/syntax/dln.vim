" Vim syntax file for dln notebooks (.dln), agreeing with dln's lexer token by token
" (tested on the course notebooks: Tests/EndToEndTests/EditorGrammarTests.swift).
if exists("b:current_syntax") | finish | endif

syn iskeyword 48-57,_,a-z,A-Z
syn sync fromstart

" Operators first: later items win where several match at one place.
syn match dlnOperator /->\|[-+*\/%^@'=<>~!:.]/
syn match dlnNumber /\w\@1<!\d\+\%(\.\d\+\)\=\%([eE][+-]\=\d\+\)\=/
syn match dlnSize /\w\@1<!\d\+x\d\+/
syn keyword dlnKeyword fn if else for in while break continue return expect
syn keyword dlnConstant true false none
syn keyword dlnOperatorWord and or not
syn match dlnEscape /\\./ contained
syn region dlnString start=/"/ skip=/\\./ end=/"\|$/ oneline contains=dlnEscape
syn region dlnString start=/\w\@1<!f"/ skip=/\\./ end=/"\|$/ oneline contains=dlnEscape
syn match dlnComment /#.*$/
syn match dlnCellMarker /^%%.*$/
" A Markdown cell ('%% md', '%% [markdown]') runs to the next %% line.
syn region dlnMarkdown matchgroup=dlnCellMarker start=/\c^%%[ \t]*\%(md\%( .*\|[ \t]*\)\|\[markdown\].*\)$/ end=/^\ze%%/

hi def link dlnKeyword Keyword
hi def link dlnConstant Constant
hi def link dlnOperatorWord Keyword
hi def link dlnOperator Operator
hi def link dlnNumber Number
hi def link dlnSize Number
hi def link dlnString String
hi def link dlnEscape SpecialChar
hi def link dlnComment Comment
hi def link dlnCellMarker Title
hi def link dlnMarkdown Normal

let b:current_syntax = "dln"

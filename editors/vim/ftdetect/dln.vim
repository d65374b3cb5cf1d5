" dln notebooks
autocmd BufRead,BufNewFile *.dln setfiletype dln

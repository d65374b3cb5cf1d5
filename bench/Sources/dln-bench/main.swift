print("dln-bench")

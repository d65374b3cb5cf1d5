print("dln")

import Language

/// The tables of the language reference that the Library's builtins are listed in.
extension BuiltinTopic {
    static let elementwise = BuiltinTopic("Elementwise")
    static let reductions = BuiltinTopic("Reductions")
    static let creation = BuiltinTopic("Making tensors")
    static let shapes = BuiltinTopic("Shapes and products")
    static let convolution = BuiltinTopic("Convolution and pooling")
    static let linearAlgebra = BuiltinTopic("Linear algebra")
    static let data = BuiltinTopic("Data")
    static let networks = BuiltinTopic("Networks")
    static let losses = BuiltinTopic("Losses")
    static let optimisers = BuiltinTopic("Optimisers")
    static let initialisers = BuiltinTopic("Initialisers")
}

import TensorCore

/// What an optimiser keeps for one parameter between steps: its buffers (momentum;
/// Adam's two moments) and how many steps it took.
public struct ParameterStateEntry<Scalar: TensorScalar> {
    public let tensor: Tensor<Scalar>
    public var buffers: [[Scalar]]
    public var steps: Int

    public init(tensor: Tensor<Scalar>, buffers: [[Scalar]], steps: Int) {
        self.tensor = tensor
        self.buffers = buffers
        self.steps = steps
    }
}

/// An optimiser whose per-parameter state can be read out and put back (the cell
/// cache keeps it, so that training continues as if it had never stopped).
public protocol KeepsParameterState<Scalar>: Optimizer {
    /// How many buffers each parameter has.
    var buffersPerParameter: Int { get }
    /// The state of every parameter it has stepped, in no particular order.
    var parameterStates: [ParameterStateEntry<Scalar>] { get }
    /// Replaces all state with `states`.
    func replaceParameterStates(_ states: [ParameterStateEntry<Scalar>])
}

extension ParameterState {
    var all: [ParameterStateEntry<Scalar>] {
        entries.values.map { ParameterStateEntry(tensor: $0.tensor, buffers: $0.buffers, steps: $0.steps) }
    }

    mutating func replace(with states: [ParameterStateEntry<Scalar>]) {
        entries = Dictionary(states.map { (ObjectIdentifier($0.tensor), ($0.tensor, $0.buffers, $0.steps)) }, uniquingKeysWith: { _, last in last })
    }
}

extension Adam: KeepsParameterState {
    public var buffersPerParameter: Int { 2 }
    public var parameterStates: [ParameterStateEntry<Scalar>] { state.all }
    public func replaceParameterStates(_ states: [ParameterStateEntry<Scalar>]) { state.replace(with: states) }
}

extension SGD: KeepsParameterState {
    public var buffersPerParameter: Int { 1 }
    public var parameterStates: [ParameterStateEntry<Scalar>] { state.all }
    public func replaceParameterStates(_ states: [ParameterStateEntry<Scalar>]) { state.replace(with: states) }
}

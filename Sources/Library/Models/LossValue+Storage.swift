import Foundation
import Language
import NeuralNet
import TensorCore

/// Losses kept by the cell cache as their text (`cross_entropy + 0.01 * l2`), made again by
/// reading that text back; a loss whose text does not read back to itself is not kept.
extension LossValue: StorableHostValue {
    static var storageKind: String { "loss" }

    var storedForm: StoredHostForm? { LossText.storable(loss).map { StoredHostForm(kind: Self.storageKind, bytes: Data($0.utf8)) } }

    var unstorableReason: String { "a loss that cannot be made again from its text" }

    var isImmutable: Bool { true }

    static func restored(_ form: StoredHostForm) -> LossValue? {
        guard form.kind == storageKind, let text = String(data: form.bytes, encoding: .utf8) else { return nil }
        return LossText<Scalar>.parse(text).map(LossValue.init)
    }
}

/// A loss's text read back into the loss: sums (left to right), `k * term`, the built-in
/// losses with their `(reduction: sum)`, and `gaussian_nll(sigma: s)`.
enum LossText<Scalar: TensorScalar> {
    /// The loss's text, when reading it back gives a loss of the same text.
    static func storable(_ loss: Loss<Scalar>) -> String? {
        parse(loss.description)?.description == loss.description ? loss.description : nil
    }

    static func parse(_ text: String) -> Loss<Scalar>? {
        let terms = topLevelTerms(text)
        guard var sum = terms.first.flatMap(term) else { return nil }
        for part in terms.dropFirst() {
            guard let next = term(part) else { return nil }
            sum = sum + next
        }
        return sum.description == text ? sum : nil
    }

    /// `text` cut at each ` + ` outside parentheses.
    private static func topLevelTerms(_ text: String) -> [String] {
        var terms: [String] = []
        var depth = 0
        var current = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth == 0, text[index...].hasPrefix(" + ") {
                terms.append(current)
                current = ""
                index = text.index(index, offsetBy: 3)
                continue
            }
            current.append(character)
            index = text.index(after: index)
        }
        return terms + [current]
    }

    private static func term(_ text: String) -> Loss<Scalar>? {
        if text.hasPrefix("("), text.hasSuffix(")") { return parse(String(text.dropFirst().dropLast())) }
        if let star = text.range(of: " * "), let factor = Double(text[..<star.lowerBound]) {
            let rest = String(text[star.upperBound...])
            let inner = rest.hasPrefix("(") && rest.hasSuffix(")") ? parse(String(rest.dropFirst().dropLast())) : term(rest)
            return inner.map { factor * $0 }
        }
        if text.hasPrefix("gaussian_nll(sigma: "), text.hasSuffix(")"),
           let sigma = Double(String(text.dropFirst("gaussian_nll(sigma: ".count).dropLast())) {
            return .gaussianNegativeLogLikelihood(sigma: Scalar(sigma))
        }
        if text.hasSuffix("(reduction: sum)") {
            return try? Loss<Scalar>.named(String(text.dropLast("(reduction: sum)".count)), reduction: .sum)
        }
        return try? Loss<Scalar>.named(text)
    }
}

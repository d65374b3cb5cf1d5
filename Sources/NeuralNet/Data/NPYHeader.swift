/// The header of a `.npy` file: a Python dictionary literal such as
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (4000, 40), }`.
struct NPYHeader {
    var descr = ""
    var fortranOrder = false
    var shape: [Int] = []

    private enum Value {
        case text(String), flag(Bool), tuple([Int])
    }

    init(parsing text: String, file: String, offset: Int) throws {
        var scanner = Scanner(characters: Array(text.unicodeScalars), file: file, offset: offset)
        var seen = Set<String>()
        try scanner.expect("{")
        while !scanner.consume("}") {
            let key = try scanner.string()
            try scanner.expect(":")
            let value = try scanner.value()
            switch (key, value) {
            case let ("descr", .text(descr)): self.descr = descr
            case let ("fortran_order", .flag(flag)): fortranOrder = flag
            case let ("shape", .tuple(shape)): self.shape = shape
            default: throw scanner.error("unexpected entry '\(key)' in the header")
            }
            seen.insert(key)
            if !scanner.consume(",") {
                try scanner.expect("}")
                break
            }
        }
        let missing = ["descr", "fortran_order", "shape"].filter { !seen.contains($0) }
        guard missing.isEmpty else { throw scanner.error("the header lacks \(missing.joined(separator: ", "))") }
    }

    private struct Scanner {
        let characters: [Unicode.Scalar]
        let file: String
        let offset: Int
        var position = 0

        func error(_ reason: String) -> DataError {
            .malformedBinary(file: file, offset: offset + position, reason: "bad .npy header: \(reason)")
        }

        mutating func skipSpace() {
            while position < characters.count, characters[position].properties.isWhitespace { position += 1 }
        }

        mutating func consume(_ symbol: Unicode.Scalar) -> Bool {
            skipSpace()
            guard position < characters.count, characters[position] == symbol else { return false }
            position += 1
            return true
        }

        mutating func expect(_ symbol: Unicode.Scalar) throws {
            guard consume(symbol) else { throw error("expected '\(symbol)'") }
        }

        mutating func string() throws -> String {
            skipSpace()
            guard position < characters.count, characters[position] == "'" || characters[position] == "\"" else {
                throw error("expected a quoted name")
            }
            let quote = characters[position]
            position += 1
            var result = ""
            while position < characters.count, characters[position] != quote {
                result.unicodeScalars.append(characters[position])
                position += 1
            }
            guard position < characters.count else { throw error("unterminated string") }
            position += 1
            return result
        }

        mutating func value() throws -> Value {
            skipSpace()
            guard position < characters.count else { throw error("the header ends early") }
            if characters[position] == "'" || characters[position] == "\"" { return .text(try string()) }
            if consume("(") {
                var sizes: [Int] = []
                while !consume(")") {
                    sizes.append(try integer())
                    if !consume(",") {
                        try expect(")")
                        break
                    }
                }
                return .tuple(sizes)
            }
            for (word, flag) in [("True", true), ("False", false)] where matches(word) {
                position += word.unicodeScalars.count
                return .flag(flag)
            }
            throw error("expected a string, a tuple, True or False")
        }

        func matches(_ word: String) -> Bool {
            let scalars = Array(word.unicodeScalars)
            return position + scalars.count <= characters.count && Array(characters[position..<(position + scalars.count)]) == scalars
        }

        mutating func integer() throws -> Int {
            skipSpace()
            var digits = ""
            while position < characters.count, ("0"..."9").contains(characters[position]), digits.count < 19 {
                digits.unicodeScalars.append(characters[position])
                position += 1
            }
            if position < characters.count, characters[position] == "L" { position += 1 }
            guard let value = Int(digits) else { throw error("expected a size in the shape") }
            return value
        }
    }
}

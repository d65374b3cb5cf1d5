import Foundation

extension KernelServer {
    /// The `kernel_info_reply` content: protocol 5.3, the dln language.
    var kernelInfo: JSONObject {
        [
            "status": "ok",
            "protocol_version": KernelMessage.protocolVersion,
            "implementation": "dln",
            "implementation_version": options.version,
            "language_info": [
                "name": "dln",
                "version": options.version,
                "mimetype": "text/x-dln",
                "file_extension": ".dln",
                // dln reads much like Python (# comments, names, calls, brackets): the nearest highlighter.
                "pygments_lexer": "python",
                "codemirror_mode": "python",
            ] as JSONObject,
            "banner": "dln \(options.version): deep-learning notebooks on dln's own tensor engine",
            "help_links": [] as [Any],
            "debugger": false,
        ]
    }

    /// The `history_reply` content: this kernel's stored executions, as
    /// (session 0 = this one, execution count, code); `tail`, `range` and `search` are honoured.
    func historyReply(_ request: JSONObject) -> JSONObject {
        var entries = interpreter.history
        switch request["hist_access_type"] as? String ?? "tail" {
        case "range":
            let start = request["start"] as? Int ?? 0, stop = request["stop"] as? Int ?? Int.max
            entries = entries.filter { $0.count >= start && $0.count < stop }
        case "search":
            let pattern = request["pattern"] as? String ?? "*"
            entries = entries.filter { fnmatch(pattern, $0.code, 0) == 0 }
            if request["unique"] as? Bool ?? false {
                var seen = Set<String>()
                entries = entries.reversed().filter { seen.insert($0.code).inserted }.reversed()
            }
            if let n = request["n"] as? Int, n >= 0 { entries = Array(entries.suffix(n)) }
        default:
            if let n = request["n"] as? Int, n >= 0 { entries = Array(entries.suffix(n)) }
        }
        let withOutput = request["output"] as? Bool ?? false
        let rows: [[Any]] = entries.map { [0, $0.count, withOutput ? [$0.code, $0.result ?? NSNull()] as [Any] : $0.code] }
        return ["status": "ok", "history": rows]
    }
}

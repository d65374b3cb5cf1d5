import FileWriting
import Foundation
import Language

/// A kernelspec: the folder Jupyter finds kernels by (`kernel.json` and logos), written
/// whole or not at all, and never over a kernelspec dln did not write.
public struct KernelSpec {
    /// Where to install: the user's Jupyter data folder, a prefix (`PREFIX/share/jupyter`), or the system's.
    public enum Location {
        case user, prefix(String), system
    }

    public var name: String
    /// The dln executable Jupyter will start (an absolute path).
    public var executable: String
    public var version: String

    public init(name: String = "dln", executable: String, version: String) {
        self.name = name
        self.executable = executable
        self.version = version
    }

    /// `kernel.json`: how Jupyter starts dln, what it shows and how it interrupts.
    public var json: Data {
        let object: [String: Any] = [
            "argv": [executable, "kernel", "--connection-file", "{connection_file}"],
            "display_name": name == "dln" ? "dln" : "dln (\(name))",
            "language": "dln",
            "interrupt_mode": "message",
            "env": [:] as [String: String],
            "metadata": ["dln": ["version": version]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return data + Data("\n".utf8)
    }

    /// The folder `kernels/NAME` under the location's Jupyter data folder.
    public func folder(in location: Location, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base: URL
        switch location {
        case .prefix(let prefix):
            base = URL(fileURLWithPath: prefix).appendingPathComponent("share/jupyter")
        case .system:
            base = URL(fileURLWithPath: "/usr/local/share/jupyter")
        case .user:
            if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty {
                base = URL(fileURLWithPath: data)
            } else if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
                base = URL(fileURLWithPath: xdg).appendingPathComponent("jupyter")
            } else {
                base = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/share/jupyter")
            }
        }
        return base.appendingPathComponent("kernels").appendingPathComponent(name)
    }

    /// Writes the kernelspec into `folder`; returns the folder.
    @discardableResult
    public func install(into folder: URL) throws -> URL {
        guard Self.isValidName(name) else {
            throw DiagnosticError(.io, "'\(name)' cannot name a kernel",
                                  hint: "use letters, digits, '.', '_' and '-' (Jupyter's rule for kernel names)")
        }
        let specFile = folder.appendingPathComponent("kernel.json")
        if let existing = try? Data(contentsOf: specFile), !Self.isWrittenByDLN(existing) {
            throw DiagnosticError(.io, "\(specFile.path) belongs to another kernel; dln does not replace it",
                                  hint: "choose another name with --name")
        }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if !present.isEmpty, !present.contains("kernel.json") {
            throw DiagnosticError(.io, "\(folder.path) holds files dln did not write; dln does not replace them",
                                  hint: "choose another name with --name")
        }
        do {
            try AtomicFile.createDirectory(folder)
            for logo in KernelLogo.files {
                try AtomicFile.write(logo.data, to: folder.appendingPathComponent(logo.name))
            }
            try AtomicFile.write(json, to: specFile)
        } catch let error as FileWriteError {
            throw DiagnosticError(.io, "cannot install the kernel in \(folder.path): \(error.message)",
                                  hint: "--user installs into your own Jupyter folder; --prefix DIR into DIR/share/jupyter")
        }
        return folder
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 255 && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }

    /// Whether a kernel.json is one dln wrote (its metadata says so).
    static func isWrittenByDLN(_ data: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let metadata = object["metadata"] as? [String: Any] else { return false }
        return metadata["dln"] != nil
    }
}

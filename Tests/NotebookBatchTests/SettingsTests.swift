import Testing
@testable import NotebookBatch

@Suite("--set routing")
struct SettingsTests {
    let source = """
        %% md
        epochs = 1 is prose here
        %% parameters
        epochs = 100   # full fidelity: 4000
        width=8
          nested = 1
        epochs == 3
        %% train
        rate = 0.1
        """

    @Test func findsTheParametersCellsBindings() {
        #expect(Settings.parameterNames(in: source) == ["epochs", "width"])
    }

    @Test func routesOverridesToNotebooksThatTakeThem() {
        let settings = ["epochs=5", "rate=0.2", "depth:width=4", "other:width=2"]
        #expect(Settings.applying(settings, toNotebook: "depth", source: source) == ["epochs=5", "width=4"])
        #expect(Settings.applying(settings, toNotebook: "plain", source: "%% x\nepochs = 1\n").isEmpty)
    }
}

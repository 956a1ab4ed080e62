import Activity
import ArgumentParser
import Foundation

/// Options for scoring and alerting, shared by the dashboard and `report`.
struct RiskArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Weights, half-lives and thresholds in YAML (see examples/risk.yaml).",
                               valueName: "file"))
    var riskConfig: String?

    @Option(help: ArgumentHelp("Append each alert (an identity crossing into moderate, high or critical) as a JSON line.",
                               valueName: "file"))
    var alerts: String?

    func config() throws -> RiskConfig {
        guard let riskConfig else { return .standard }
        do {
            return try RiskConfig.load(contentsOf: riskConfig)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func alertLog() throws -> AlertLog? {
        guard let alerts else { return nil }
        do {
            return try AlertLog(path: alerts)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

import Events
import Foundation
import Testing
@testable import Rules

/// CI runs with ../shared beside the clone: there, its absence fails instead of skipping.
@Suite struct SharedPresenceTests {
    @Test(.enabled(if: Shared.requiredByCI, "only under CI=true"))
    func sharedPresentUnderCI() {
        #expect(Shared.isAvailable, "CI=true and no ../shared/corpus or ../shared/sigma at \(Shared.url.path)")
    }
}

/// Issue #9: every SigmaHQ rule for the formats nhitop reads loads, or is refused for a named
/// feature the engine does not do.
@Suite(.enabled(if: Shared.isAvailable, Shared.absent))
struct SigmaFolderTests {
    @Test func everySharedSigmaRuleLoadsOrNamesItsFeature() throws {
        let set = Shared.sigmaRules
        let files = try FileManager.default.subpathsOfDirectory(atPath: Shared.sigma.path).filter { $0.hasSuffix(".yml") }
        #expect(files.count == 88)
        let refused = set.skipped
        for s in refused { print("refused: \(s.path): \(s.reason) [\(s.kind)]") }
        #expect(set.rules.count + refused.count == files.count)
        #expect(refused.count <= 3, "\(refused)")
        #expect(!refused.contains { $0.kind == .invalid }, "\(refused.filter { $0.kind == .invalid })")
        #expect(!refused.contains { $0.kind == .otherLogsource })
        #expect(Set(set.rules.compactMap(\.format)) == [.cloudtrail, .k8sAudit, .github])
    }
}

import Events

/// One loaded rule, ready to run: what it is, its detection and how its reason reads.
/// A class: the per-record loop reads rules out of an array, and a reference is one retain
/// where a struct of arrays would be a copy of each.
final class CompiledRule: Sendable {
    let info: RuleInfo
    let detection: Detection
    let reason: ReasonTemplate

    init(info: RuleInfo, detection: Detection, reason: ReasonTemplate) {
        self.info = info
        self.detection = detection
        self.reason = reason
    }

    func hit(_ record: RecordAccess) -> RuleHit? {
        guard detection.matches(record) else { return nil }
        return RuleHit(rule: info, reason: reason.render(record))
    }
}

import Response

/// How a revoke, undo or acknowledgement went, as the dialog's result step shows it: the
/// executor's own result (title, exit status, output excerpt, ledger row), not a copy.
public typealias ResponseOutcome = ExecutionResult

/// The modal that revokes, undoes a revoke or acknowledges an alert. A small state machine
/// driven only by `update`: nothing runs until the last, explicit confirmation, and Esc
/// before that point leaves without an effect.
public struct ResponseDialog: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case revoke, undo, acknowledge
    }

    public enum Stage: Hashable, Sendable {
        /// Waiting for the loop's plan (`Msg.revokePlan` / `Msg.undoPlan`).
        case loading
        /// Revoke: choosing a step. Undo: shown only when it cannot be undone (the problem).
        case plan
        /// Editing the reason (or, for an acknowledgement, the note).
        case reason
        /// The explicit choice: `y` (or the typed name for a dangerous step).
        case confirm
        /// Asked the loop to run it; `elapsedSeconds` from `Msg.responseProgress`.
        case running(elapsedSeconds: Double)
        case finished(ResponseOutcome)
    }

    public var kind: Kind
    /// The identity acted on, exactly as the table shows it.
    public var identity: String
    public var stage: Stage
    public var revokePlan: RevokePlan?
    public var undoPlan: UndoPlan?
    /// The highlighted step of `revokePlan`.
    public var selectedStep: Int = 0
    /// The reason (or note) being edited.
    public var reason: String = ""
    /// What was typed to confirm a dangerous step.
    public var typedName: String = ""
    /// Why the last key was refused ("a reason of at least 10 characters is required").
    public var message: String?
    /// Esc while running hides the dialog; the result re-opens it.
    public var hidden: Bool = false

    public init(kind: Kind, identity: String, stage: Stage) {
        self.kind = kind
        self.identity = identity
        self.stage = stage
    }

    /// An acknowledgement note shorter than this is refused.
    public static let minimumNoteLength = 3
    /// Text fields stop growing here: a reason is a sentence, not a paste of a log file.
    public static let maximumFieldLength = 500

    /// The step the operator has highlighted (revoke only).
    public var step: PlanStep? {
        guard let plan = revokePlan, plan.steps.indices.contains(selectedStep) else { return nil }
        return plan.steps[selectedStep]
    }

    /// The short name shown in titles and accepted as the typed confirmation.
    public var shortName: String {
        revokePlan?.target.name ?? IdentityName.parse(identity).name
    }

    /// Whether the confirmation needs the identity's name typed (a dangerous step).
    public var needsTypedName: Bool { kind == .revoke && (step?.dangerous ?? false) }

    /// Whether `typedName` names the identity: its full string or its short name, exactly.
    public var typedNameMatches: Bool {
        !typedName.isEmpty && (typedName == identity || typedName == shortName)
    }

    public var trimmedReason: String { reason.trimmingSpaces() }

    public var isRunning: Bool {
        if case .running = stage { return true }
        return false
    }
}

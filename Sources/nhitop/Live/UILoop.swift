import Dashboard

/// What the UI thread remembers between turns of its loop: the state, the pictures, the
/// messages not yet dispatched, and the bookkeeping that decides when a key may act and a
/// frame may be drawn. No terminal and no worker thread in here, so it reads (and is tested)
/// as a plain value.
struct UILoop {
    var state: AppState
    /// Messages in arrival order; keys among them may be held (`nextMessage`).
    var queue: [(msg: Msg, readAt: UInt64)] = []
    /// The newest picture for the view last asked for, and the one last presented: keys act
    /// on what was shown.
    var current: FramePicture
    var drawn: FramePicture
    var status = WorkerStatus()
    var effectsSent: UInt64 = 0
    /// The request a picture must answer to show `state` (`IngestWorker.request`), and when it was made.
    var requestSent: UInt64 = 0
    var requestAt: UInt64 = 0
    let holdLimit: UInt64
    let drawLimit: UInt64
    /// Keys are timed for the latency log only when there is one.
    var measuresKeys = false

    private var sentState: AppState?
    private var drawnState: AppState?
    private var dirty = true
    private var holdSince: UInt64?
    /// Keys dispatched since the last request, then keys waiting for a frame that shows them.
    private var justDispatched: [UInt64] = []
    private var unshownKeys: [(readAt: UInt64, request: UInt64)] = []
    private var shownSequence: UInt64 = 0

    init(state: AppState, holdLimit: UInt64 = 1_000_000, drawLimit: UInt64 = 250_000) {
        self.state = state
        current = .empty(view: ViewKey(state))
        drawn = current
        self.holdLimit = holdLimit
        self.drawLimit = drawLimit
    }

    /// A hook runs, or an effect sent may start one: quitting waits for its record.
    var exitWaits: Bool { status.hookRunning || status.effectsHandled < effectsSent }

    /// Sends the state to the worker (`IngestWorker.request`) when it changed since last sent.
    mutating func ask(_ request: (AppState) -> UInt64, now: UInt64) {
        if state != sentState {
            sentState = state
            let n = request(state)
            if n != requestSent {
                requestSent = n
                requestAt = now
            }
        }
        if !justDispatched.isEmpty {
            unshownKeys += justDispatched.map { ($0, requestSent) }
            justDispatched.removeAll()
        }
    }

    /// A picture from the worker: taken when it answers the latest request (an older one is
    /// of a view no longer shown), then the state follows it as a tick does.
    mutating func take(_ picture: FramePicture?) {
        guard let picture, picture.request >= requestSent else { return }
        current = picture
        // A tick's only effect is a selection change, which the next request carries.
        state = update(state, .tick, context: picture.context).0
        dirty = true
    }

    /// Answers from the worker: before every key not yet dispatched, as when they were
    /// answered at once (a key after `R` acts on the dialog with its plan).
    mutating func receive(_ answers: [Msg]) {
        queue.insert(contentsOf: answers.map { ($0, 0) }, at: 0)
    }

    /// The picture keys act on: the one drawn, unless its filter or order is no longer the
    /// state's (a key faster than a frame after one that changed them must see the rows that
    /// change made, or `n` would jump among the previous search's matches).
    var context: UpdateContext { (drawn.view.query == state.query ? drawn : current).context }

    /// The next message to dispatch, or nil. A key is held while the picture it must act on
    /// is not here: the filter or order changed and its picture has not arrived, or a plan
    /// asked for has not been answered. Held at most `holdLimit`.
    mutating func nextMessage(now: UInt64) -> Msg? {
        guard let (msg, readAt) = queue.first else { return nil }
        if case .key = msg, mustHold {
            let since = holdSince ?? now
            holdSince = since
            if now &- since < holdLimit { return nil }
        }
        holdSince = nil
        queue.removeFirst()
        if measuresKeys && readAt != 0 { justDispatched.append(readAt) }
        dirty = true
        return msg
    }

    private var mustHold: Bool {
        if status.effectsHandled < effectsSent { return true }
        // Typed into the `/` line, a key edits the text: no rows needed.
        if state.find?.editing == true { return false }
        return state.query != drawn.view.query && state.query != current.view.query
    }

    /// Whether to draw now (frame rate aside): something changed, and the picture is the one
    /// for the state, or it has been waited for long enough.
    func mustDraw(now: UInt64) -> Bool {
        (dirty || state != drawnState) && (!awaiting || now &- requestAt >= drawLimit)
    }

    private var awaiting: Bool { current.request < requestSent }

    /// After a frame was presented at `time`: keys it shows, the frame's cost and the first
    /// event it brings go to the latency log.
    mutating func drew(at time: UInt64, latency: LatencyLog?, took: UInt64) {
        drawn = current
        drawnState = state
        dirty = false
        guard let latency else { return }
        latency.frame(took)
        let shownRequest = current.request
        unshownKeys.removeAll { key in
            guard key.request <= shownRequest else { return false }
            latency.key(time &- key.readAt)
            return true
        }
        if let first = current.firstIngested, current.sequence != shownSequence {
            shownSequence = current.sequence
            latency.shown(line: first.line, time &- first.at)
        }
    }

    /// How long the loop may sleep (it wakes sooner for a key, a picture or an answer).
    func timeoutMs(now: UInt64, untilFrame: Int64) -> Int32 {
        var micros = Int64(LiveSession.maxIdleWaitMs) * 1000
        if !queue.isEmpty {
            micros = min(micros, holdSince.map { Int64($0 &+ holdLimit) - Int64(now) } ?? 0)
        }
        if dirty || state != drawnState {
            if awaiting && now &- requestAt < drawLimit {
                micros = min(micros, Int64(requestAt &+ drawLimit) - Int64(now))
            } else {
                micros = min(micros, untilFrame)
            }
        }
        return Int32(clamping: max(0, (micros + 999) / 1000))
    }
}

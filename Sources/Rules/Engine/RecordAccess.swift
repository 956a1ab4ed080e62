import Events

/// The record as the engine reads it: a pointer to the caller's `RuleRecord` and functions
/// that read it. `RuleSet.evaluate` builds one inline, in the caller's module, where the
/// record's type is known: the functions are then direct code with no captures (nothing to
/// allocate), and the whole engine is compiled once for this one type instead of running as
/// unspecialized generic code.
@usableFromInline
struct RecordAccess {
    @usableFromInline typealias ValueBody = (RecordValueKind, UnsafeRawBufferPointer) -> Bool
    @usableFromInline typealias BytesBody = (UnsafeRawBufferPointer) -> Bool

    @usableFromInline let record: UnsafeRawPointer
    @usableFromInline let anyValueAt: (UnsafeRawPointer, FieldPath, ValueBody) -> Bool
    @usableFromInline let rawRecord: (UnsafeRawPointer, BytesBody) -> Bool
    @usableFromInline let normalizedValue: (UnsafeRawPointer, NormalizedField, BytesBody) -> Bool

    /// `pointer` must stay valid while the access is used (within `withUnsafePointer`).
    @inlinable
    init<R: RuleRecord>(_ pointer: UnsafePointer<R>) {
        record = UnsafeRawPointer(pointer)
        anyValueAt = { p, path, body in p.assumingMemoryBound(to: R.self).pointee.anyValue(at: path, body) }
        rawRecord = { p, body in p.assumingMemoryBound(to: R.self).pointee.withRawRecord(body) }
        normalizedValue = { p, field, body in
            var text = field.value(of: p.assumingMemoryBound(to: R.self).pointee.event)
            return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Each value at `path`, with nhitop's normalized fields (`@action`…) read from the event.
    @inline(__always)
    func eachValue(at path: FieldPath, _ body: ValueBody) -> Bool {
        if let field = path.normalized { return normalizedValue(record, field) { body(.string, $0) } }
        if !path.components.isEmpty { return anyValueAt(record, path, body) }
        return false
    }

    @inline(__always)
    func withRawRecord(_ body: BytesBody) -> Bool { rawRecord(record, body) }
}

/// Parses RFC 3339 / ISO 8601 timestamps straight from bytes: `2026-11-29T14:32:40Z`,
/// fractional seconds of any precision (kept to microseconds), `+hh:mm` offsets, and a
/// space instead of `T`. Returns nil for anything else; callers count such records.
public enum TimestampParser {
    public static func parse(_ text: String) -> EventTime? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    public static func parse(_ b: UnsafeRawBufferPointer) -> EventTime? {
        let n = b.count
        guard n >= 19 else { return nil }
        func digits(_ at: Int, _ count: Int) -> Int? {
            var v = 0
            for i in at..<(at + count) {
                let c = b[i] &- 48
                guard c <= 9 else { return nil }
                v = v * 10 + Int(c)
            }
            return v
        }
        guard let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45,
              let day = digits(8, 2), b[10] == 84 || b[10] == 116 || b[10] == 32,
              let hour = digits(11, 2), b[13] == 58, let minute = digits(14, 2), b[16] == 58,
              let second = digits(17, 2)
        else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
        else { return nil }
        var i = 19
        var micros: Int64 = 0
        if i < n, b[i] == 46 || b[i] == 44 {  // '.' or ','
            i += 1
            var scale: Int64 = 100_000
            let start = i
            while i < n, b[i] &- 48 <= 9 {
                if scale > 0 { micros += Int64(b[i] - 48) * scale; scale /= 10 }
                i += 1
            }
            guard i > start else { return nil }
        }
        var offsetSeconds: Int64 = 0
        if i < n {
            switch b[i] {
            case 90, 122:  // Z z
                i += 1
            case 43, 45:  // + -
                let sign: Int64 = b[i] == 45 ? -1 : 1
                guard i + 3 <= n, let oh = digits(i + 1, 2) else { return nil }
                var om = 0
                if i + 6 <= n, b[i + 3] == 58, let m = digits(i + 4, 2) { om = m; i += 6 }
                else if i + 5 <= n, let m = digits(i + 3, 2) { om = m; i += 5 }
                else { i += 3 }
                offsetSeconds = sign * Int64(oh * 3600 + om * 60)
            default:
                return nil
            }
        }
        guard i == n else { return nil }
        let civil = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59))
        let secs = civil.epochSeconds - offsetSeconds
        return EventTime(microseconds: secs * 1_000_000 + micros)
    }
}

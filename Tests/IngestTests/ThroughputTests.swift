import Events
import Foundation
import Testing
import Ingest

/// Rough throughput on real records: a corpus file concatenated many times, fed in 64 KiB reads.
/// Prints events/s (meaningful in release: `swift test -c release -Xswiftc -enable-testing --filter Throughput`).
@Suite("Throughput", .enabled(if: Corpus.isAvailable, Corpus.absent))
struct ThroughputTests {
    func measure(_ file: String, copies: Int) {
        guard let one = corpusBytes(file) else { return }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(one.count * copies + copies)
        for _ in 0..<copies { bytes += one; if one.last != 0x0A { bytes.append(0x0A) } }
        var decoder = SourceDecoder(sourceName: file)
        var count = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            var i = 0
            while i < bytes.count {
                let end = min(bytes.count, i + 65_536)
                bytes[i..<end].withUnsafeBytes { decoder.feed($0) { _ in count += 1 } }
                i = end
            }
            decoder.finish { _ in count += 1 }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("throughput \(file) ×\(copies): \(count) events, \(bytes.count / 1_048_576) MiB in \(String(format: "%.3f", seconds)) s = \(Int(Double(count) / seconds)) events/s, \(String(format: "%.0f", Double(bytes.count) / 1_048_576 / seconds)) MiB/s")
        #expect(decoder.status.malformed == 0)
    }

    @Test func corpusConcatenated() {
        // demo.log has unique auditIDs only within one copy; later copies are (correctly) deduped,
        // so measure k8s with the dedupe in play and CloudTrail JSON lines without it.
        measure("cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json", copies: 200)
        measure("k8s-audit/demo.log", copies: 500)
    }
}

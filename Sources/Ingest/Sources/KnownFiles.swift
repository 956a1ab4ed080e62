#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files a run has read or is reading, by (device, inode), so a glob does not read a rotated
/// name of one of them twice (`app.log` showing up as `app.log.1`), and forgets them once they are
/// gone: a deleted file's inode is reused by the next file created, which must then be read.
///
/// Each file is remembered with where it was last seen and the largest size seen there. About
/// once a second (`prune`), a file no source holds open is looked for at that path; if another
/// file stands there now it is looked for among the paths being watched: found with at least
/// the size remembered, it was renamed (rotation) and stays known; missing, or smaller (a new
/// file that took the inode of a deleted one), it is forgotten. Memory is bounded by the files
/// in view, not by the history of the run.
struct KnownFiles {
    struct Entry: Equatable {
        var path: String
        var size: Int64
    }

    typealias Stat = (String) -> (id: FileIdentity, size: Int64)?

    private(set) var entries: [FileIdentity: Entry] = [:]
    /// Files sources have open now (a follower's current file): never forgotten, never re-read.
    private var held: Set<FileIdentity> = []

    func contains(_ id: FileIdentity) -> Bool { entries[id] != nil }

    mutating func remember(_ id: FileIdentity, path: String, size: Int64) {
        if var e = entries[id] {
            e.path = path
            e.size = max(e.size, size)
            entries[id] = e
        } else {
            entries[id] = Entry(path: path, size: size)
        }
    }

    /// What the sources have open or have read, with the path each was opened by.
    mutating func update(held files: [(id: FileIdentity, path: String, open: Bool)], stat: Stat = KnownFiles.fileStat) {
        held.removeAll(keepingCapacity: true)
        for f in files {
            if f.open { held.insert(f.id) }
            if entries[f.id] == nil {
                let size = stat(f.path).flatMap { $0.id == f.id ? $0.size : nil } ?? 0
                entries[f.id] = Entry(path: f.path, size: size)
            }
        }
    }

    /// Forgets files that are gone (see the type's comment). `view` lists the paths being watched
    /// now; it is only called when some file is no longer where it was last seen.
    mutating func prune(view: () -> [String], stat: Stat = KnownFiles.fileStat) {
        var lost: [FileIdentity] = []
        for (id, e) in entries where !held.contains(id) {
            if let s = stat(e.path), s.id == id {
                entries[id]!.size = max(e.size, s.size)
            } else {
                lost.append(id)
            }
        }
        guard !lost.isEmpty else { return }
        var seen: [FileIdentity: (path: String, size: Int64)] = [:]
        for path in view() {
            if let s = stat(path) { seen[s.id] = (path, s.size) }
        }
        for id in lost {
            if let now = seen[id], now.size >= entries[id]!.size {
                entries[id] = Entry(path: now.path, size: now.size)  // renamed
            } else {
                entries[id] = nil  // deleted, or its inode now belongs to a new file
            }
        }
    }

    /// (device, inode) and size of what `path` names now.
    static func fileStat(_ path: String) -> (id: FileIdentity, size: Int64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)), Int64(st.st_size))
    }
}

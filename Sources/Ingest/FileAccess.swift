#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a path names right now: survives renames, changes on rotation.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        self.init(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }
}

/// Why a path could not be opened for reading.
enum OpenFailure: Error, Equatable {
    /// Nothing at the path (yet): a follower waits, a read-once source reports it.
    case missing
    /// Permission, a directory, an I/O error: the words to show after the path.
    case unusable(String)
}

/// Opens `path` read-only and checks it is not a directory: the first step of following a
/// file and of reading one once.
func openForReading(_ path: String, nonBlocking: Bool) -> Result<(fd: Int32, identity: FileIdentity), OpenFailure> {
    let fd = open(path, O_RDONLY | O_CLOEXEC | (nonBlocking ? O_NONBLOCK : 0))
    guard fd >= 0 else {
        return .failure(errno == ENOENT ? .missing : .unusable(String(cString: strerror(errno))))
    }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
        _ = closeDescriptor(fd)
        return .failure(.unusable("cannot stat"))
    }
    if (st.st_mode & S_IFMT) == S_IFDIR {
        _ = closeDescriptor(fd)
        return .failure(.unusable("is a directory"))
    }
    return .success((fd, FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))))
}

@inline(__always)
func closeDescriptor(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(fd)
    #else
    Darwin.close(fd)
    #endif
}

import Foundation

/// Allocates tensor memory and keeps freed large blocks for reuse.
///
/// Training allocates the same sizes step after step. Large blocks from `malloc` come straight
/// from the kernel with `mmap` and return with `munmap`, so every step would pay the page faults
/// of zeroing fresh pages, often more than the arithmetic. Blocks of at least 64 KiB are therefore
/// rounded up to a size class (at most 25 % larger) and, when freed, kept in a free list of that
/// class until the pool holds `cacheLimit` bytes. Smaller blocks use `malloc` directly.
final class BufferPool: @unchecked Sendable {
  /// The pool all CPU storage comes from.
  static let shared = BufferPool()

  /// Blocks smaller than this bypass the pool.
  private static let pooledMinimum = 64 * 1024
  /// The most bytes kept in free lists.
  private let cacheLimit: Int
  private var freeBlocks: [Int: [UnsafeMutableRawPointer]] = [:]
  private var cachedBytes = 0
  private let lock = Lock()

  init(cacheLimit: Int = 2 << 30) {
    self.cacheLimit = cacheLimit
  }

  /// Returns memory for at least `byteCount` bytes, aligned to 16 bytes, or 64 for pooled sizes.
  ///
  /// - Precondition: the memory is available (see ``allocateIfAvailable(byteCount:)``).
  func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
    guard let pointer = allocateIfAvailable(byteCount: byteCount) else {
      fatalError("Rill: out of memory allocating \(byteCount) bytes for a tensor")
    }
    return pointer
  }

  /// Returns memory for at least `byteCount` bytes, as ``allocate(byteCount:)`` does, or `nil`
  /// when the system has none to give: the path of readers, whose sizes come from files.
  func allocateIfAvailable(byteCount: Int) -> UnsafeMutableRawPointer? {
    // Rounding up to a size class must not overflow; no machine has this much memory anyway.
    guard byteCount >= 0 && byteCount <= Int.max / 2 else { return nil }
    let capacity = BufferPool.capacity(for: byteCount)
    if capacity >= BufferPool.pooledMinimum {
      let reused: UnsafeMutableRawPointer? = lock.withLock {
        guard let block = freeBlocks[capacity]?.popLast() else { return nil }
        cachedBytes -= capacity
        return block
      }
      if let reused { return reused }
    }
    // Small blocks come from malloc's thread caches (16-byte aligned, enough for any element);
    // large ones are aligned to cache lines.
    var pointer: UnsafeMutableRawPointer?
    if capacity < BufferPool.pooledMinimum {
      pointer = malloc(Swift.max(capacity, 16))
    } else if posix_memalign(&pointer, 64, capacity) != 0 {
      pointer = nil
    }
    return pointer
  }

  /// Takes back memory from ``allocate(byteCount:)``.
  func release(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
    let capacity = BufferPool.capacity(for: byteCount)
    if capacity >= BufferPool.pooledMinimum {
      let kept: Bool = lock.withLock {
        guard cachedBytes + capacity <= cacheLimit else { return false }
        freeBlocks[capacity, default: []].append(pointer)
        cachedBytes += capacity
        return true
      }
      if kept { return }
    }
    free(pointer)
  }

  /// Frees every cached block.
  func trim() {
    let blocks: [UnsafeMutableRawPointer] = lock.withLock {
      let all = freeBlocks.values.flatMap { $0 }
      freeBlocks = [:]
      cachedBytes = 0
      return all
    }
    for block in blocks { free(block) }
  }

  /// The size class of a request: pooled sizes round up to 2^k times 1, 1.25, 1.5 or 1.75.
  static func capacity(for byteCount: Int) -> Int {
    guard byteCount >= pooledMinimum else { return byteCount }
    let power = Int.bitWidth - 1 - (byteCount - 1).leadingZeroBitCount
    let quarter = 1 << (power - 2)
    return (byteCount + quarter - 1) / quarter * quarter
  }
}

import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Fetches a file over HTTP(S) with URLSession, synchronously.
enum Downloader {
  /// The body of a successful (2xx) response to a GET of `url`.
  ///
  /// - Throws: `DownloadFailure` when the request fails, times out, or the server answers
  ///   with another status.
  static func fetch(_ url: URL) throws -> Data {
    let request = URLRequest(
      url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 60)
    let session = URLSession(configuration: .ephemeral)
    defer { session.finishTasksAndInvalidate() }
    let outcome = DownloadOutcome()
    let finished = DispatchSemaphore(value: 0)
    let task = session.dataTask(with: request) { data, response, error in
      if let error {
        outcome.set(.failure(DownloadFailure(message: error.localizedDescription)))
      } else if let status = (response as? HTTPURLResponse)?.statusCode,
        !(200..<300).contains(status)
      {
        outcome.set(.failure(DownloadFailure(message: "the server answered HTTP \(status)")))
      } else {
        outcome.set(.success(data ?? Data()))
      }
      finished.signal()
    }
    task.resume()
    finished.wait()
    return try outcome.get().get()
  }
}

/// Why a download failed.
struct DownloadFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// The result of a download, handed from URLSession's thread to the waiting one.
private final class DownloadOutcome: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<Data, DownloadFailure> = .failure(
    DownloadFailure(message: "no answer"))

  func set(_ value: Result<Data, DownloadFailure>) {
    lock.lock()
    defer { lock.unlock() }
    result = value
  }

  func get() -> Result<Data, DownloadFailure> {
    lock.lock()
    defer { lock.unlock() }
    return result
  }
}

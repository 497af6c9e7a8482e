import TillitGit
import TillitSystem

extension Mailmap {
  /// What goes without a mailmap.
  static let withoutIt = "people are named as their commits name them"

  /// The repository's mailmap; nil, with one warning, when it cannot be read: people are then
  /// named as their commits and emails name them, and the user is told why.
  static func orWarning(_ repository: Repository) -> Mailmap? {
    do {
      let mailmap = try Mailmap(repository: repository)
      // libgit2 reads HEAD's .mailmap in a bare clone, and goes without it when it is missing.
      if repository.isBare { _ = repository.headFileContent(RepoPath(".mailmap"), withoutIt: Mailmap.withoutIt) }
      return mailmap
    } catch {
      Diagnostics.warning("the mailmap cannot be read (\(error)); \(withoutIt)", topic: "mailmap")
      return nil
    }
  }

  /// The email `email` is mapped to; as given when nothing maps it (or libgit2 cannot say).
  func email(for email: String, name: String = "") -> String {
    (try? resolve(name: name, email: email).email) ?? email  // no answer: the email as written
  }
}

import TillitGit

/// Whether changes are ready to ship under a `ShipPolicy`, from what the ledger holds (any
/// clone's or CI's, once synced): the checks that apply passed on exactly the commit's tree;
/// enough approvals of this version by people who know its changed files; no request for
/// changes still standing (a newer version answers it, but only the requester's approval lifts
/// it); an owner's approval for each owned path it touches; verified approvals when required.
public struct ShipReadiness {
  let repository: Repository
  let policy: ShipPolicy
  let verifier: ApprovalVerifier?
  let store: LedgerStore
  let base: KnowledgeBase

  public init(
    repository: Repository, policy: ShipPolicy, settings: KnowledgeSettings,
    verifier: ApprovalVerifier? = nil
  ) {
    self.repository = repository
    self.policy = policy
    self.verifier = verifier ?? ApprovalVerifier.available(in: repository)
    self.store = LedgerStore(repository: repository)
    self.base = KnowledgeBase(repository: repository, settings: settings)
  }

  /// The verdict on each of `commits`, in their order.
  public func evaluate(_ commits: [ObjectID]) throws -> [ChangeReadiness] {
    let checkRuns = try store.read(.checks).compactMap { event -> CheckRan? in
      if case .checkRan(let run) = event.payload { return run }
      return nil
    }
    let reviews = try store.read(.reviews)
    let graph = ChangeGraph(records: try LedgerDigest.read(.reviews, store: store))
    let claims = policy.owners ? try PathClaims(repository: repository) : PathClaims([])
    let (model, _, _) = try base.historyModel()
    let context = Context(checkRuns: checkRuns, reviews: reviews, graph: graph, claims: claims, model: model)
    return try commits.map { try evaluate($0, context) }
  }

  struct Context {
    let checkRuns: [CheckRan]
    let reviews: [LedgerEvent]
    let graph: ChangeGraph
    let claims: PathClaims
    let model: KnowledgeModel
  }

  private func canonical(_ email: String) -> String {
    base.resolver.resolve(name: "", email: email)?.key ?? email.lowercased()
  }

  private func evaluate(_ commit: ObjectID, _ context: Context) throws -> ChangeReadiness {
    let info = try repository.commit(commit)
    let subject = try CheckSubject.range(from: info.parents.first, to: commit, in: repository)
    let files = try repository.changes(from: try info.parents.first.map(repository.treeID(ofCommit:)), to: info.tree)
      .filter { $0.status != .deleted }.map(\.newPath)
    var missing: [String] = []

    // Checks: the commit's own .tillit.yml files, the checks whose files it touches, the latest
    // run of each on exactly its tree with the same definition.
    let defined = try ConfigLoader(repository: repository).load(for: subject)?.checks ?? []
    let applying = defined.filter { $0.stage != .commitMessage && subject.changedPaths.contains(where: $0.concerns) }
    let checks = applying.map { check -> ChangeReadiness.CheckState in
      let definition = ObjectID.hashing(Array(check.fingerprint.utf8)).hex
      let latest = context.checkRuns.last { $0.tree == info.tree && $0.check == check.name && $0.definitionHash == definition }
      return ChangeReadiness.CheckState(name: check.name, outcome: latest?.outcome.rawValue ?? "not run")
    }
    if policy.checks {
      for check in checks where check.outcome != CheckOutcome.passed.rawValue {
        missing.append(
          check.outcome == "not run"
            ? "check \(check.name) has not run on this tree (tillit check --range \(commit.hex.prefix(12))~1..\(commit.hex.prefix(12)), then tillit ledger sync)"
            : "check \(check.name) \(check.outcome) on this tree")
      }
    }

    // Reviews: each reviewer's latest approval or request for changes on any version.
    let reference = try ReviewLedger(repository: repository).change(commit)
    let index = context.graph.change(of: reference)
    let author = canonical(info.author.email)
    func version(_ of: ObjectID) -> Int { index.map { context.graph.number(of: of, in: $0) } ?? 1 }
    let thisVersion = index.map { context.graph.knows(commit) ? context.graph.number(of: commit, in: $0) : context.graph.changes[$0].versions.count + 1 } ?? 1
    var latest: [String: (event: LedgerEvent, feedback: ReviewFeedback)] = [:]
    var order: [String] = []
    for event in context.reviews {
      guard case .reviewFeedback(let feedback) = event.payload, feedback.verdict != .comment else { continue }
      let same =
        feedback.change.commit == commit || index != nil && context.graph.change(of: feedback.change.commit) == index
        || (reference.patchID != nil && feedback.change.patchID == reference.patchID)
      guard same else { continue }
      let person = canonical(event.by)
      if latest[person] == nil { order.append(person) }
      latest[person] = (event, feedback)
    }
    let owning = ownersByPath(files + subject.changedPaths, context.claims)
    let ownerEmails = Set(owning.values.flatMap { $0.people.map(canonical) })
    var approvals: [ChangeReadiness.Approval] = []
    var approvers: Set<String> = []
    for person in order {
      guard let (event, feedback) = latest[person] else { continue }
      let at = version(feedback.change.commit)
      if feedback.verdict == .changesRequested {
        let answered = thisVersion > at ? "; v\(thisVersion) answers it, waiting for their approval" : ""
        missing.append("changes requested by \(person) at v\(at)\(answered)")
        continue
      }
      let current = feedback.change.commit == commit || (reference.patchID != nil && feedback.change.patchID == reference.patchID)
      let known = knownFiles(of: person, files, context.model)
      let verified = verifier.map { $0.isVerified(event) }
      let counts = current && person != author && known > 0 && (!policy.verified || verified == true)
      if current && person != author && (!policy.verified || verified == true) { approvers.insert(person) }
      approvals.append(
        ChangeReadiness.Approval(
          email: person, version: at, knownFiles: known, files: files.count, current: current,
          owner: ownerEmails.contains(person), verified: verified, counts: counts))
    }
    let counted = approvals.filter(\.counts).count
    if counted < policy.approvals {
      let stale = approvals.filter { !$0.current }.map { "\($0.email) approved v\($0.version)" }
      missing.append(
        "\(policy.approvals - counted) more \(policy.verified ? "verified " : "")approval\(policy.approvals - counted == 1 ? "" : "s") of v\(thisVersion) by someone who knows the changed files"
          + (stale.isEmpty ? "" : " (\(stale.joined(separator: ", ")))"))
    }
    if policy.verified && verifier == nil {
      missing.append("verified approvals: the signing configuration (gpg.ssh.allowedSignersFile, gpg.format) cannot be read")
    }
    if policy.owners {
      var asked: Set<String> = []
      for (path, claim) in owning.sorted(by: { $0.key < $1.key }) where !claim.people.map(canonical).contains(where: approvers.contains) {
        guard asked.insert(claim.pattern).inserted else { continue }
        missing.append("an approval by an owner of \(claim.pattern) (\(claim.people.joined(separator: ", "))), for \(path)")
      }
    }
    let title = String(info.message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    return ChangeReadiness(
      commit: commit, change: index.map { context.graph.changes[$0].versions[0] } ?? commit, version: thisVersion,
      title: title, checks: checks, approvals: approvals, missing: missing)
  }

  /// How many of `files` the person changed or reviewed in the history; for a file the history
  /// does not know (a new one), whether they know its folder.
  private func knownFiles(of person: String, _ files: [RepoPath], _ model: KnowledgeModel) -> Int {
    guard let index = model.index(of: person) else { return 0 }
    func knows(_ record: FileRecord?) -> Bool {
      guard let knowledge = record?.knowledge(of: index) else { return false }
      return knowledge.created || knowledge.changes.count > 0 || knowledge.reviews.count > 0
    }
    return files.filter { path in
      model.files[path] != nil ? knows(model.files[path]) : knows(model.directories[KnowledgeModel.parent(of: path)])
    }.count
  }

  /// The claim that owns each path (`PathClaims`: the last claim whose pattern matches, as in CODEOWNERS).
  private func ownersByPath(_ paths: [RepoPath], _ claims: PathClaims) -> [RepoPath: OwnershipLedger.Claim] {
    var owners: [RepoPath: OwnershipLedger.Claim] = [:]
    for path in Set(paths) { owners[path] = claims.claim(for: path) }
    return owners
  }
}

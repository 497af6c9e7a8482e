/// The `ship:` section of `.tillit.yml`: what a change needs to be ready to ship (`tillit
/// ready`), and whether the `pre-push` hook warns about or refuses a push of a change that is
/// not ready to one of `branches`.
public struct ShipPolicy: Hashable, Sendable {
  public enum Enforcement: String, Sendable, CaseIterable {
    case warn, block
  }

  /// Branch names (`main`, not `refs/heads/main`) a push to which is held to the policy; none:
  /// the hook says nothing, `tillit ready` still answers.
  public var branches: [String] = []
  /// How many approvals of the change's version, by people who know its changed files.
  public var approvals = 1
  /// Whether the checks of `.tillit.yml` that apply must have passed on the change's tree.
  public var checks = true
  /// Whether an owner of each touched owned path must have approved.
  public var owners = true
  /// Whether only approvals whose signature verifies for their author count.
  public var verified = false
  public var enforce = Enforcement.warn

  public init() {}

  /// Whether a push to `remoteRef` (`refs/heads/main`) is held to the policy.
  public func covers(_ remoteRef: String) -> Bool {
    branches.contains { "refs/heads/" + $0 == remoteRef }
  }
}

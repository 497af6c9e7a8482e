import TillitSystem

/// The shell shim installed as each hook: it finds the tillit binary (the path recorded at
/// install time, then PATH) and hands over with `exec tillit hook NAME "$@"`. Its text is
/// `hooks/shim.sh`, embedded at build time.
public enum HookScript {
  /// The line that marks a hook as Tillit's own.
  public static let marker = "# Installed by tillit."

  public static var template: String { String(decoding: PackageResources.shim_sh, as: UTF8.self) }

  public static func render(binary: String) -> String {
    let quoted = binary.replacingAll("'", with: "'\\''")
    return template.replacingAll("@TILLIT_BINARY@", with: quoted).replacingAll("@TILLIT_BINARY_DISPLAY@", with: quoted)
  }

  /// Whether an installed hook's text is Tillit's shim.
  public static func isTillit(_ text: String) -> Bool { text.contains(marker) }
}

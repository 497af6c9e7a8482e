import Testing

extension Tag {
  /// Tests that take seconds (fuzzing, huge changes, killed and interrupted runs, concurrent
  /// runs, a real Swift build): the whole suite runs them, the inner loop skips them
  /// (see README, "Set-up").
  @Tag static var slow: Self
}

// Package structure holds only tests: of the shape of the code rather
// than of what it does. They check the direction of imports between our
// packages (DESIGN.md), the README's picture of those imports, and the
// length of functions. It imports nothing and nothing imports it.
package structure

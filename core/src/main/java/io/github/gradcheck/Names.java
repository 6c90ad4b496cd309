package io.github.gradcheck;

/** Checks input names given to the builders. */
final class Names {

    private Names() {
    }

    static String require(String input) {
        if (input == null || input.isEmpty()) {
            throw new IllegalArgumentException("an input name must be a non-empty String");
        }
        return input;
    }
}

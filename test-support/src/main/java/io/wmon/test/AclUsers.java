package io.wmon.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The least-privilege users exactly as {@code docs/operations.md} writes them, as
 * {@code ACL SETUSER <user> <rules…>} lines, so that the tests run what a reader copies.
 *
 * <p>A line's password rule ({@code >…}) is replaced by the test's password; {@link #create} may drop
 * rules, to make a user that lacks one permission on purpose.
 */
public final class AclUsers {

    /** The document, from a module's directory (where Maven runs its tests). */
    public static final Path DOC = Path.of("..", "docs", "operations.md");
    private static final String PREFIX = "ACL SETUSER ";

    private final Map<String, List<String>> rules;

    private AclUsers(Map<String, List<String>> rules) {
        this.rules = rules;
    }

    /** The users of {@link #DOC}. */
    public static AclUsers fromDocs() {
        return parse(DOC);
    }

    static AclUsers parse(Path doc) {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(doc)) {
                String text = line.strip();
                if (text.startsWith(PREFIX)) {
                    String[] words = text.substring(PREFIX.length()).split("\\s+");
                    rules.put(words[0], List.of(Arrays.copyOfRange(words, 1, words.length)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + doc, e);
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException(doc + " has no line starting with " + PREFIX);
        }
        return new AclUsers(rules);
    }

    /** The rules of {@code user} as documented, e.g. {@code [reset, on, >PASSWORD, ~wmon:*, +hset, …]}. */
    public List<String> rules(String user) {
        List<String> found = rules.get(user);
        if (found == null) {
            throw new IllegalArgumentException(DOC + " documents no user " + user + "; it has " + rules.keySet());
        }
        return found;
    }

    /**
     * Creates {@code user} on the probe's server as documented, named {@code as}, with {@code password},
     * leaving out the rules in {@code without} (each must be one of the documented rules).
     */
    public void create(RedisProbe probe, String user, String as, String password, String... without) {
        List<String> chosen = new ArrayList<>();
        List<String> dropped = Arrays.asList(without);
        for (String rule : rules(user)) {
            if (dropped.contains(rule)) {
                continue;
            }
            chosen.add(rule.startsWith(">") ? ">" + password : rule);
        }
        if (chosen.size() != rules(user).size() - dropped.size()) {
            throw new IllegalArgumentException(user + " has no rule among " + dropped + ": " + rules(user));
        }
        List<String> command = new ArrayList<>(List.of("ACL", "SETUSER", as));
        command.addAll(chosen);
        probe.command(command.toArray(new String[0]));
    }
}

// The local Neo4j that scrgraph starts when NEO4J_URI is not set: an embedded
// Community DBMS with its Bolt connector on 127.0.0.1, authentication on.
//
// Run as a single-file source program (Java 17+), with the classpath that Maven
// resolves from pom.xml beside this file:
//   java -cp "$(cat classpath.txt)" ScrgraphNeo4j.java HOME CONFIG_FILE PASSWORD_FILE
//
// CONFIG_FILE is a neo4j.conf written by scrgraph (Bolt address, memory, auth).
// It prints one line "scrgraph-neo4j ready" when the DBMS accepts connections, and shuts the DBMS down cleanly on SIGTERM or SIGINT.

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public class ScrgraphNeo4j {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ScrgraphNeo4j HOME CONFIG_FILE PASSWORD_FILE");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        Path config = Path.of(args[1]);
        String password = Files.readString(Path.of(args[2])).strip();

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
            .loadPropertiesFromFile(config)
            .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "scrgraph-neo4j-shutdown"));

        setPassword(dbms, password);
        System.out.println("scrgraph-neo4j ready");
        System.out.flush();
        stopped.await();
    }

    // The built-in user "neo4j" gets the password kept in scrgraph's state directory.
    // Setting it again to the same value is refused by Neo4j, which is harmless.
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database("system").executeTransactionally(
                "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }
}

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** Serves MongoDB's wire protocol from memory on 127.0.0.1 and the port given, until killed. */
public class Launcher {
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 27999;
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", port);
    System.out.println("mongo-java-server listening on 127.0.0.1:" + port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
    Thread.currentThread().join();
  }
}

import java.io.InputStream;
import java.io.OutputStream;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The smallest Java TLS client: trusts exactly what -Djavax.net.ssl.trustStore (and -Password, -Type) say, as a
 * bank's Java backend configured from the portal's recipe would, and prints TRUSTED or REFUSED.
 * Usage: java -Djavax.net.ssl.trustStore=t.p12 -Djavax.net.ssl.trustStorePassword=changeit Client.java HOST PORT
 */
public class Client {
  public static void main(String[] args) throws Exception {
    SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
    try (SSLSocket socket = (SSLSocket) factory.createSocket(args[0], Integer.parseInt(args[1]))) {
      socket.setSoTimeout(5000);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write("ping\n".getBytes());
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[64];
      int n = in.read(buf);
      System.out.println("TRUSTED " + socket.getSession().getProtocol() + " " + new String(buf, 0, Math.max(n, 0)).trim());
    } catch (javax.net.ssl.SSLException e) {
      System.out.println("REFUSED " + e.getMessage());
    }
  }
}

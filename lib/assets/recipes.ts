import type { AssetKind } from "./kinds";

/**
 * Install recipes: for each download, copy-ready instructions per platform. One catalogue; the UI, the docs and
 * the consumer tests read it (the nginx test runs the nginx snippet verbatim, the Java test the trustStore flags).
 * Placeholders: {file} the downloaded file name, {password} the store password, {alias} an entry alias.
 */
export type RecipePurpose =
  /** Your server accepts calls from Thales: trust the Thales client CA, require a client certificate. */
  | "verify-thales-client"
  /** Your client calls Thales: trust the Thales server CAs. */
  | "trust-thales-server"
  /** Your client presents the certificate Thales issued (the key never left your machine). */
  | "present-client-certificate"
  /** The Thales backend calls the customer: trust the customer's server CAs. */
  | "trust-customer-server";

export type RecipeFormat = "pem" | "p7b" | "p12" | "jks";

export type Recipe = {
  id: string;
  purpose: RecipePurpose;
  platform: "nginx" | "HAProxy" | "Apache" | "Java" | "Windows" | "AWS ALB" | "curl / OpenSSL";
  format: RecipeFormat;
  title: string;
  /** Configuration lines, copy-ready, for the file the platform reads (empty for command-only recipes). */
  config: string;
  /** Shell (or PowerShell) commands to install and check. */
  commands: string;
};

export const RECIPES: readonly Recipe[] = [
  {
    id: "nginx-client-ca",
    purpose: "verify-thales-client",
    platform: "nginx",
    format: "pem",
    title: "nginx: require a client certificate from Thales",
    config:
      "# in the server { listen 443 ssl; ... } block Thales calls\n" +
      "ssl_client_certificate /etc/nginx/trust/{file};\nssl_verify_client on;\nssl_verify_depth 3;",
    commands: "sudo install -m 0644 {file} /etc/nginx/trust/{file}\nsudo nginx -t && sudo systemctl reload nginx",
  },
  {
    id: "haproxy-client-ca",
    purpose: "verify-thales-client",
    platform: "HAProxy",
    format: "pem",
    title: "HAProxy: require a client certificate from Thales",
    config:
      "frontend thales_in\n    bind :443 ssl crt /etc/haproxy/server.pem ca-file /etc/haproxy/trust/{file} verify required",
    commands:
      "sudo install -m 0644 {file} /etc/haproxy/trust/{file}\nsudo haproxy -c -f /etc/haproxy/haproxy.cfg && sudo systemctl reload haproxy",
  },
  {
    id: "apache-client-ca",
    purpose: "verify-thales-client",
    platform: "Apache",
    format: "pem",
    title: "Apache httpd (mod_ssl): require a client certificate from Thales",
    config:
      "# in the <VirtualHost *:443> Thales calls\nSSLCACertificateFile /etc/apache2/trust/{file}\n" +
      "SSLVerifyClient require\nSSLVerifyDepth 3",
    commands:
      "sudo install -m 0644 {file} /etc/apache2/trust/{file}\nsudo apachectl configtest && sudo systemctl reload apache2",
  },
  {
    id: "java-server-client-ca",
    purpose: "verify-thales-client",
    platform: "Java",
    format: "p12",
    title: "Java server (Spring Boot / Tomcat): trust store for client authentication",
    config:
      "server.ssl.client-auth=need\nserver.ssl.trust-store=/opt/app/{file}\nserver.ssl.trust-store-type=PKCS12\n" +
      "server.ssl.trust-store-password={password}",
    commands: "keytool -list -keystore {file} -storetype PKCS12 -storepass {password}",
  },
  {
    id: "windows-client-ca",
    purpose: "verify-thales-client",
    platform: "Windows",
    format: "p7b",
    title: "Windows / IIS: trust the Thales client CA",
    config: "",
    commands:
      "# PowerShell as administrator; then in IIS Manager > SSL Settings choose Client certificates: Require\n" +
      "Import-Certificate -FilePath .\\{file} -CertStoreLocation Cert:\\LocalMachine\\Root",
  },
  {
    id: "alb-trust-store",
    purpose: "verify-thales-client",
    platform: "AWS ALB",
    format: "pem",
    title: "AWS Application Load Balancer: mutual TLS trust store (verify mode)",
    config: "",
    commands:
      "aws s3 cp {file} s3://YOUR-BUCKET/thales/{file}\n" +
      "aws elbv2 create-trust-store --name thales-client-ca \\\n  --ca-certificates-bundle-s3-bucket YOUR-BUCKET " +
      "--ca-certificates-bundle-s3-key thales/{file}\n" +
      "aws elbv2 modify-listener --listener-arn YOUR-LISTENER-ARN \\\n  --mutual-authentication Mode=verify,TrustStoreArn=YOUR-TRUST-STORE-ARN",
  },
  {
    id: "java-trust-thales",
    purpose: "trust-thales-server",
    platform: "Java",
    format: "p12",
    title: "Java client: javax.net.ssl.trustStore",
    config: "",
    commands:
      "keytool -list -keystore {file} -storetype PKCS12 -storepass {password}\n" +
      "java -Djavax.net.ssl.trustStore=/opt/app/{file} -Djavax.net.ssl.trustStoreType=PKCS12 \\\n" +
      "  -Djavax.net.ssl.trustStorePassword={password} -jar your-app.jar",
  },
  {
    id: "java-jks-trust-thales",
    purpose: "trust-thales-server",
    platform: "Java",
    format: "jks",
    title: "Java client with a JKS trust store (older runtimes), or adding to an existing one",
    config: "",
    commands:
      "keytool -list -keystore {file} -storetype JKS -storepass {password}\n" +
      "java -Djavax.net.ssl.trustStore=/opt/app/{file} -Djavax.net.ssl.trustStoreType=JKS \\\n" +
      "  -Djavax.net.ssl.trustStorePassword={password} -jar your-app.jar\n" +
      "# or import the PEM into a store you already have:\n" +
      "keytool -importcert -noprompt -alias {alias} -file ca.pem -keystore existing.jks -storepass YOUR-PASSWORD",
  },
  {
    id: "curl-trust-thales",
    purpose: "trust-thales-server",
    platform: "curl / OpenSSL",
    format: "pem",
    title: "curl and OpenSSL: check the Thales server against the bundle",
    config: "",
    commands:
      "openssl s_client -connect THALES-HOST:443 -servername THALES-HOST -CAfile {file} -verify_return_error </dev/null\n" +
      "curl --cacert {file} https://THALES-HOST/",
  },
  {
    id: "nginx-proxy-trust-thales",
    purpose: "trust-thales-server",
    platform: "nginx",
    format: "pem",
    title: "nginx as the client (reverse proxy to Thales)",
    config:
      "proxy_ssl_trusted_certificate /etc/nginx/trust/{file};\nproxy_ssl_verify on;\nproxy_ssl_verify_depth 3;\n" +
      "proxy_ssl_server_name on;",
    commands: "sudo nginx -t && sudo systemctl reload nginx",
  },
  {
    id: "windows-trust-thales",
    purpose: "trust-thales-server",
    platform: "Windows",
    format: "p7b",
    title: "Windows: trust the Thales server CAs",
    config: "",
    commands: "Import-Certificate -FilePath .\\{file} -CertStoreLocation Cert:\\LocalMachine\\Root",
  },
  {
    id: "curl-client-cert",
    purpose: "present-client-certificate",
    platform: "curl / OpenSSL",
    format: "pem",
    title: "curl: call Thales with your certificate and your own key",
    config: "",
    commands: "curl --cert {file} --key client.key https://THALES-HOST/",
  },
  {
    id: "java-client-keystore",
    purpose: "present-client-certificate",
    platform: "Java",
    format: "pem",
    title: "Java client: key store from your key and this certificate (on your machine)",
    config: "",
    commands:
      "openssl pkcs12 -export -in {file} -inkey client.key -name thales-client -out client-keystore.p12\n" +
      "java -Djavax.net.ssl.keyStore=client-keystore.p12 -Djavax.net.ssl.keyStoreType=PKCS12 \\\n" +
      "  -Djavax.net.ssl.keyStorePassword=YOUR-PASSWORD -jar your-app.jar",
  },
  {
    id: "nginx-proxy-client-cert",
    purpose: "present-client-certificate",
    platform: "nginx",
    format: "pem",
    title: "nginx as the client: present the certificate upstream",
    config: "proxy_ssl_certificate /etc/nginx/tls/{file};\nproxy_ssl_certificate_key /etc/nginx/tls/client.key;",
    commands: "sudo nginx -t && sudo systemctl reload nginx",
  },
  {
    id: "haproxy-client-cert",
    purpose: "present-client-certificate",
    platform: "HAProxy",
    format: "pem",
    title: "HAProxy as the client: present the certificate to Thales",
    config:
      "backend thales\n    server d1 THALES-HOST:443 ssl crt /etc/haproxy/client.pem verify required ca-file /etc/haproxy/trust/thales-server.pem",
    commands: "cat {file} client.key > /etc/haproxy/client.pem && chmod 0600 /etc/haproxy/client.pem",
  },
  {
    id: "windows-client-cert",
    purpose: "present-client-certificate",
    platform: "Windows",
    format: "pem",
    title: "Windows: import your certificate with its key",
    config: "",
    commands:
      "openssl pkcs12 -export -in {file} -inkey client.key -out client.pfx\n" +
      "Import-PfxCertificate -FilePath .\\client.pfx -CertStoreLocation Cert:\\LocalMachine\\My",
  },
  {
    id: "java-backend-trust-customer",
    purpose: "trust-customer-server",
    platform: "Java",
    format: "jks",
    title: "D1/TSH backend (Java): trust the customer's server CAs",
    config: "",
    commands:
      "keytool -list -keystore {file} -storetype JKS -storepass {password}\n" +
      "java -Djavax.net.ssl.trustStore={file} -Djavax.net.ssl.trustStorePassword={password} -Djavax.net.ssl.trustStoreType=JKS ...",
  },
  {
    id: "curl-trust-customer",
    purpose: "trust-customer-server",
    platform: "curl / OpenSSL",
    format: "pem",
    title: "Check the customer endpoint against its trust store",
    config: "",
    commands:
      "openssl s_client -connect CUSTOMER-HOST:443 -servername CUSTOMER-HOST -CAfile {file} -verify_return_error </dev/null",
  },
];

/** What each download is for: the purposes whose recipes the UI shows beside it. */
export const DOWNLOAD_PURPOSES: Partial<
  Record<AssetKind | "trust-store:customer" | "trust-store:thales-backend", RecipePurpose[]>
> = {
  THALES_CLIENT_CA: ["verify-thales-client"],
  TSH_TLS_CLIENT_CERTIFICATE: ["verify-thales-client"],
  D1_SERVER_CA_BUNDLE: ["trust-thales-server"],
  TSH_TLS_SERVER_CERTIFICATE_CHAIN: ["trust-thales-server"],
  ISSUED_TLS_CLIENT_CERTIFICATE: ["present-client-certificate"],
  CUSTOMER_TLS_SERVER_CERTIFICATE_CHAIN: ["trust-customer-server"],
  CUSTOMER_TRUST_STORE: ["trust-customer-server"],
  "trust-store:customer": ["verify-thales-client", "trust-thales-server"],
  "trust-store:thales-backend": ["trust-customer-server"],
};

export type RecipeValues = { file: string; password?: string; alias?: string };

/** A recipe with its placeholders filled: what the user copies. */
export function renderRecipe(recipe: Recipe, values: RecipeValues): { config: string; commands: string } {
  const fill = (text: string) =>
    text
      .replaceAll("{file}", values.file)
      .replaceAll("{password}", values.password ?? "changeit")
      .replaceAll("{alias}", values.alias ?? "thales-ca");
  return { config: fill(recipe.config), commands: fill(recipe.commands) };
}

/** The recipes for one download, in catalogue order. */
export function recipesFor(download: keyof typeof DOWNLOAD_PURPOSES): Recipe[] {
  const purposes = DOWNLOAD_PURPOSES[download] ?? [];
  return RECIPES.filter((r) => purposes.includes(r.purpose));
}

package io.nhidrift.adapter;

/** The path part of request URIs, as the HTTP-facing adapters put it in their actions. */
public final class UriPaths {

    private UriPaths() {}

    /** Path of a URI or path, without query string and fragment; the path part of an absolute URL. */
    public static String pathOnly(String uri) {
        if (uri == null) {
            return null;
        }
        String p = uri;
        int scheme = p.indexOf("://");
        if (scheme > 0 && scheme < 10) {
            int slash = p.indexOf('/', scheme + 3);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        int h = p.indexOf('#');
        if (h >= 0) {
            p = p.substring(0, h);
        }
        return p.isEmpty() ? "/" : p;
    }
}

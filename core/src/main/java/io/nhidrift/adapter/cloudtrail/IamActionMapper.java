package io.nhidrift.adapter.cloudtrail;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a CloudTrail {@code (eventSource, eventName)} pair to the IAM action that authorizes the call,
 * {@code <iam-prefix>:<Action>} (CONTRACT section 2), so that events can be matched against IAM-style
 * grants such as {@code s3:GetObject} or {@code s3:List*}.
 *
 * <p>Three steps, each table-driven (no regex):
 * <ol>
 *   <li>IAM prefix: the event source minus {@code .amazonaws.com}, except for the endpoints listed in
 *       {@link #PREFIX_EXCEPTIONS} whose IAM service prefix differs (e.g. {@code monitoring} → {@code cloudwatch}).
 *   <li>API-version suffixes are stripped from the event name: Lambda's {@code 20150331}, {@code 20150331v2},
 *       {@code 20181031}, and CloudFront's {@code 2020_05_31} style.
 *   <li>Event names that are not themselves the IAM action are mapped through {@link #ACTION_EXCEPTIONS}
 *       (e.g. {@code s3:HeadObject} → {@code s3:GetObject}); every other name maps 1:1.
 * </ol>
 *
 * <p>Where one API call needs several permissions, the table names the one that authorizes the primary
 * effect: {@code CopyObject}/{@code UploadPartCopy} → {@code s3:PutObject} (on the destination; the source
 * additionally needs {@code s3:GetObject}). Where the permission depends on request parameters (S3
 * {@code GetObject} with a {@code versionId} needs {@code s3:GetObjectVersion}) the base action is used.
 *
 * <p>Pure and thread-safe; results are memoized in a bounded cache.
 */
public final class IamActionMapper {

    /**
     * Endpoint name (event source without {@code .amazonaws.com}) → IAM service prefix, only where the two
     * differ. Endpoints whose prefix equals the endpoint name (elasticloadbalancing, sso, identitystore,
     * sso-directory, execute-api, es, ec2messages, ssmmessages, kinesisanalytics, logs, events, s3-outposts,
     * elasticfilesystem, lambda, states, servicecatalog, signin, sts, iam, kms, …) need no entry.
     */
    static final Map<String, String> PREFIX_EXCEPTIONS = Map.ofEntries(
            // CloudWatch (metrics/alarms) API endpoint is monitoring.<region>.amazonaws.com.
            Map.entry("monitoring", "cloudwatch"),
            // SES classic API endpoint is email.<region>.amazonaws.com.
            Map.entry("email", "ses"),
            // Resource Groups Tagging API: tag:GetResources, tag:TagResources, ...
            Map.entry("tagging", "tag"),
            // DynamoDB Streams endpoint; actions are dynamodb:GetRecords, dynamodb:GetShardIterator, ...
            Map.entry("streams.dynamodb", "dynamodb"),
            // Service Catalog AppRegistry actions live under servicecatalog: (servicecatalog:CreateApplication).
            Map.entry("servicecatalog-appregistry", "servicecatalog"),
            // Cloud Control API actions are cloudformation:CreateResource, cloudformation:GetResource, ...
            Map.entry("cloudcontrolapi", "cloudformation"),
            // Amazon Pinpoint: IAM prefix mobiletargeting.
            Map.entry("pinpoint", "mobiletargeting"),
            // AWS Marketplace Catalog / Metering / Entitlement APIs: aws-marketplace:*.
            Map.entry("catalog.marketplace", "aws-marketplace"),
            Map.entry("metering.marketplace", "aws-marketplace"),
            Map.entry("entitlement.marketplace", "aws-marketplace"));

    /**
     * {@code prefix:EventName} (after suffix stripping) → IAM action, where the CloudTrail event name is
     * not the name of the action that authorizes it.
     */
    static final Map<String, String> ACTION_EXCEPTIONS = Map.ofEntries(
            // --- S3 object and bucket listing
            Map.entry("s3:ListObjects", "s3:ListBucket"),
            Map.entry("s3:ListObjectsV2", "s3:ListBucket"),
            Map.entry("s3:HeadBucket", "s3:ListBucket"),
            Map.entry("s3:ListObjectVersions", "s3:ListBucketVersions"),
            Map.entry("s3:ListBuckets", "s3:ListAllMyBuckets"),
            Map.entry("s3:ListMultipartUploads", "s3:ListBucketMultipartUploads"),
            Map.entry("s3:ListParts", "s3:ListMultipartUploadParts"),
            // --- S3 object reads
            Map.entry("s3:HeadObject", "s3:GetObject"),
            Map.entry("s3:SelectObjectContent", "s3:GetObject"),
            // --- S3 object writes (multipart upload steps and copies are authorized by s3:PutObject)
            Map.entry("s3:CreateMultipartUpload", "s3:PutObject"),
            Map.entry("s3:UploadPart", "s3:PutObject"),
            Map.entry("s3:UploadPartCopy", "s3:PutObject"),
            Map.entry("s3:CompleteMultipartUpload", "s3:PutObject"),
            Map.entry("s3:CopyObject", "s3:PutObject"),
            Map.entry("s3:DeleteObjects", "s3:DeleteObject"),
            // --- S3 bucket configuration: the API names differ from the IAM actions
            Map.entry("s3:GetBucketEncryption", "s3:GetEncryptionConfiguration"),
            Map.entry("s3:PutBucketEncryption", "s3:PutEncryptionConfiguration"),
            Map.entry("s3:DeleteBucketEncryption", "s3:PutEncryptionConfiguration"),
            Map.entry("s3:GetBucketLifecycle", "s3:GetLifecycleConfiguration"),
            Map.entry("s3:GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration"),
            Map.entry("s3:PutBucketLifecycle", "s3:PutLifecycleConfiguration"),
            Map.entry("s3:PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration"),
            Map.entry("s3:DeleteBucketLifecycle", "s3:PutLifecycleConfiguration"),
            Map.entry("s3:GetBucketReplication", "s3:GetReplicationConfiguration"),
            Map.entry("s3:PutBucketReplication", "s3:PutReplicationConfiguration"),
            Map.entry("s3:DeleteBucketReplication", "s3:PutReplicationConfiguration"),
            Map.entry("s3:GetBucketCors", "s3:GetBucketCORS"),
            Map.entry("s3:PutBucketCors", "s3:PutBucketCORS"),
            Map.entry("s3:DeleteBucketCors", "s3:PutBucketCORS"),
            Map.entry("s3:DeleteBucketTagging", "s3:PutBucketTagging"),
            Map.entry("s3:DeleteBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"),
            Map.entry("s3:DeleteAccountPublicAccessBlock", "s3:PutAccountPublicAccessBlock"),
            Map.entry("s3:DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls"),
            Map.entry("s3:GetBucketAccelerateConfiguration", "s3:GetAccelerateConfiguration"),
            Map.entry("s3:PutBucketAccelerateConfiguration", "s3:PutAccelerateConfiguration"),
            Map.entry("s3:GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration"),
            Map.entry("s3:PutObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration"),
            Map.entry("s3:GetBucketNotificationConfiguration", "s3:GetBucketNotification"),
            Map.entry("s3:PutBucketNotificationConfiguration", "s3:PutBucketNotification"),
            Map.entry("s3:GetBucketAnalyticsConfiguration", "s3:GetAnalyticsConfiguration"),
            Map.entry("s3:ListBucketAnalyticsConfigurations", "s3:GetAnalyticsConfiguration"),
            Map.entry("s3:PutBucketAnalyticsConfiguration", "s3:PutAnalyticsConfiguration"),
            Map.entry("s3:DeleteBucketAnalyticsConfiguration", "s3:PutAnalyticsConfiguration"),
            Map.entry("s3:GetBucketInventoryConfiguration", "s3:GetInventoryConfiguration"),
            Map.entry("s3:ListBucketInventoryConfigurations", "s3:GetInventoryConfiguration"),
            Map.entry("s3:PutBucketInventoryConfiguration", "s3:PutInventoryConfiguration"),
            Map.entry("s3:DeleteBucketInventoryConfiguration", "s3:PutInventoryConfiguration"),
            Map.entry("s3:GetBucketMetricsConfiguration", "s3:GetMetricsConfiguration"),
            Map.entry("s3:ListBucketMetricsConfigurations", "s3:GetMetricsConfiguration"),
            Map.entry("s3:PutBucketMetricsConfiguration", "s3:PutMetricsConfiguration"),
            Map.entry("s3:DeleteBucketMetricsConfiguration", "s3:PutMetricsConfiguration"),
            Map.entry("s3:GetBucketIntelligentTieringConfiguration", "s3:GetIntelligentTieringConfiguration"),
            Map.entry("s3:ListBucketIntelligentTieringConfigurations", "s3:GetIntelligentTieringConfiguration"),
            Map.entry("s3:PutBucketIntelligentTieringConfiguration", "s3:PutIntelligentTieringConfiguration"),
            Map.entry("s3:DeleteBucketIntelligentTieringConfiguration", "s3:PutIntelligentTieringConfiguration"),
            // --- Lambda data events
            Map.entry("lambda:Invoke", "lambda:InvokeFunction"),
            Map.entry("lambda:InvokeWithResponseStream", "lambda:InvokeFunction"),
            // --- Bedrock: Converse APIs are authorized by the InvokeModel actions
            Map.entry("bedrock:Converse", "bedrock:InvokeModel"),
            Map.entry("bedrock:ConverseStream", "bedrock:InvokeModelWithResponseStream"),
            // --- SQS batch calls are authorized by the single-message action
            Map.entry("sqs:SendMessageBatch", "sqs:SendMessage"),
            Map.entry("sqs:DeleteMessageBatch", "sqs:DeleteMessage"),
            Map.entry("sqs:ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility"));

    private static final int CACHE_LIMIT = 50_000;
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static final String DOMAIN = ".amazonaws.com";
    private static final String DOMAIN_CN = ".amazonaws.com.cn";

    private IamActionMapper() {}

    /**
     * The IAM action for a CloudTrail event, e.g. {@code ("s3.amazonaws.com", "HeadObject")} →
     * {@code s3:GetObject}. Null or blank inputs map to {@code unknown}.
     */
    public static String iamAction(String eventSource, String eventName) {
        String src = eventSource == null ? "" : eventSource;
        String name = eventName == null ? "" : eventName;
        String key = src + '\u0000' + name;
        String cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        String action = compute(src.trim(), name.trim());
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(key, action);
        }
        return action;
    }

    /** The IAM service prefix of an event source, e.g. {@code monitoring.amazonaws.com} → {@code cloudwatch}. */
    public static String iamPrefix(String eventSource) {
        if (eventSource == null || eventSource.isBlank()) {
            return "unknown";
        }
        String s = eventSource.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.endsWith(DOMAIN)) {
            s = s.substring(0, s.length() - DOMAIN.length());
        } else if (s.endsWith(DOMAIN_CN)) {
            s = s.substring(0, s.length() - DOMAIN_CN.length());
        }
        String mapped = PREFIX_EXCEPTIONS.get(s);
        return mapped != null ? mapped : s;
    }

    /** The event name without an API-version suffix ({@code GetFunction20150331v2} → {@code GetFunction}). */
    public static String stripApiVersion(String name) {
        int end = name.length();
        // optional lower-case "v<digits>" revision (Lambda "20150331v2")
        int i = end;
        while (i > 0 && isDigit(name.charAt(i - 1))) {
            i--;
        }
        if (i < end && i > 0 && name.charAt(i - 1) == 'v') {
            end = i - 1;
        }
        // yyyyMMdd (Lambda) or yyyy_MM_dd (CloudFront), starting with 19/20 and preceded by a letter
        if (end >= 9 && allDigits(name, end - 8, end) && isYear(name, end - 8)
                && Character.isLetter(name.charAt(end - 9))) {
            return name.substring(0, end - 8);
        }
        if (end >= 11 && name.charAt(end - 3) == '_' && name.charAt(end - 6) == '_'
                && allDigits(name, end - 2, end) && allDigits(name, end - 5, end - 3)
                && allDigits(name, end - 10, end - 6) && isYear(name, end - 10)
                && Character.isLetter(name.charAt(end - 11))) {
            return name.substring(0, end - 10);
        }
        return name;
    }

    private static String compute(String eventSource, String eventName) {
        String prefix = iamPrefix(eventSource);
        String name = eventName.isEmpty() ? "unknown" : stripApiVersion(eventName);
        String action = prefix + ':' + name;
        String mapped = ACTION_EXCEPTIONS.get(action);
        return mapped != null ? mapped : action;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isYear(String s, int at) {
        char a = s.charAt(at);
        char b = s.charAt(at + 1);
        return (a == '2' && b == '0') || (a == '1' && b == '9');
    }
}

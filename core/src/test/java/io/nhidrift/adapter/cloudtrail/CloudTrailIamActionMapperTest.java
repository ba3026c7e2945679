package io.nhidrift.adapter.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.nhidrift.testing.UnitTest;

@UnitTest
class CloudTrailIamActionMapperTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        // endpoint -> IAM prefix exceptions
        "monitoring.amazonaws.com, PutMetricData, cloudwatch:PutMetricData",
        "email.amazonaws.com, SendEmail, ses:SendEmail",
        "ses.amazonaws.com, SendRawEmail, ses:SendRawEmail",
        "tagging.amazonaws.com, GetResources, tag:GetResources",
        "streams.dynamodb.amazonaws.com, GetRecords, dynamodb:GetRecords",
        "servicecatalog-appregistry.amazonaws.com, CreateApplication, servicecatalog:CreateApplication",
        "cloudcontrolapi.amazonaws.com, GetResource, cloudformation:GetResource",
        "pinpoint.amazonaws.com, GetApps, mobiletargeting:GetApps",
        "catalog.marketplace.amazonaws.com, DescribeEntity, aws-marketplace:DescribeEntity",
        // endpoints whose IAM prefix is the endpoint name
        "elasticloadbalancing.amazonaws.com, DescribeLoadBalancers, elasticloadbalancing:DescribeLoadBalancers",
        "sso.amazonaws.com, ListPermissionSets, sso:ListPermissionSets",
        "identitystore.amazonaws.com, ListUsers, identitystore:ListUsers",
        "sso-directory.amazonaws.com, DescribeDirectory, sso-directory:DescribeDirectory",
        "execute-api.amazonaws.com, Invoke, execute-api:Invoke",
        "es.amazonaws.com, ListDomainNames, es:ListDomainNames",
        "ec2messages.amazonaws.com, GetMessages, ec2messages:GetMessages",
        "ssmmessages.amazonaws.com, OpenControlChannel, ssmmessages:OpenControlChannel",
        "kinesisanalytics.amazonaws.com, ListApplications, kinesisanalytics:ListApplications",
        "logs.amazonaws.com, CreateLogStream, logs:CreateLogStream",
        "events.amazonaws.com, PutRule, events:PutRule",
        "s3-outposts.amazonaws.com, GetObject, s3-outposts:GetObject",
        "elasticfilesystem.amazonaws.com, DescribeFileSystems, elasticfilesystem:DescribeFileSystems",
        "states.amazonaws.com, StartExecution, states:StartExecution",
        "servicecatalog.amazonaws.com, SearchProducts, servicecatalog:SearchProducts",
        "signin.amazonaws.com, ConsoleLogin, signin:ConsoleLogin",
        "sts.amazonaws.com, GetCallerIdentity, sts:GetCallerIdentity",
        "sts.amazonaws.com, AssumeRole, sts:AssumeRole",
        "iam.amazonaws.com, CreateAccessKey, iam:CreateAccessKey",
        "kms.amazonaws.com, Decrypt, kms:Decrypt",
        "ec2.amazonaws.com, DescribeInstances, ec2:DescribeInstances",
        "ec2.amazonaws.com.cn, DescribeInstances, ec2:DescribeInstances",
        // API-version suffixes
        "lambda.amazonaws.com, UpdateFunctionCode20150331v2, lambda:UpdateFunctionCode",
        "lambda.amazonaws.com, GetFunction20150331v2, lambda:GetFunction",
        "lambda.amazonaws.com, ListFunctions20150331, lambda:ListFunctions",
        "lambda.amazonaws.com, AddPermission20150331v2, lambda:AddPermission",
        "lambda.amazonaws.com, UpdateFunctionConfiguration20150331v2, lambda:UpdateFunctionConfiguration",
        "lambda.amazonaws.com, PublishLayerVersion20181031, lambda:PublishLayerVersion",
        "lambda.amazonaws.com, Invoke, lambda:InvokeFunction",
        "cloudfront.amazonaws.com, CreateDistribution2020_05_31, cloudfront:CreateDistribution",
        "cloudfront.amazonaws.com, UpdateDistribution2017_03_25, cloudfront:UpdateDistribution",
        // S3 names that differ from their action
        "s3.amazonaws.com, ListObjects, s3:ListBucket",
        "s3.amazonaws.com, ListObjectsV2, s3:ListBucket",
        "s3.amazonaws.com, HeadBucket, s3:ListBucket",
        "s3.amazonaws.com, ListObjectVersions, s3:ListBucketVersions",
        "s3.amazonaws.com, ListBuckets, s3:ListAllMyBuckets",
        "s3.amazonaws.com, HeadObject, s3:GetObject",
        "s3.amazonaws.com, GetBucketLocation, s3:GetBucketLocation",
        "s3.amazonaws.com, CreateMultipartUpload, s3:PutObject",
        "s3.amazonaws.com, UploadPart, s3:PutObject",
        "s3.amazonaws.com, CompleteMultipartUpload, s3:PutObject",
        "s3.amazonaws.com, CopyObject, s3:PutObject",
        "s3.amazonaws.com, DeleteObjects, s3:DeleteObject",
        "s3.amazonaws.com, GetObjectAttributes, s3:GetObjectAttributes",
        "s3.amazonaws.com, PutBucketPublicAccessBlock, s3:PutBucketPublicAccessBlock",
        "s3.amazonaws.com, DeleteBucketPublicAccessBlock, s3:PutBucketPublicAccessBlock",
        "s3.amazonaws.com, GetBucketEncryption, s3:GetEncryptionConfiguration",
        "s3.amazonaws.com, DeleteBucketLifecycle, s3:PutLifecycleConfiguration",
        "s3.amazonaws.com, GetBucketCors, s3:GetBucketCORS",
        "s3.amazonaws.com, GetObject, s3:GetObject",
        "s3.amazonaws.com, PutObject, s3:PutObject",
        // other name mappings
        "sqs.amazonaws.com, SendMessageBatch, sqs:SendMessage",
        "bedrock.amazonaws.com, Converse, bedrock:InvokeModel",
    })
    void maps(String source, String name, String expected) {
        assertEquals(expected, IamActionMapper.iamAction(source, name));
    }

    @Test
    void suffixStrippingIsConservative() {
        assertEquals("ListObjectsV2", IamActionMapper.stripApiVersion("ListObjectsV2"));
        assertEquals("Foo2", IamActionMapper.stripApiVersion("Foo2"));
        assertEquals("Foov2", IamActionMapper.stripApiVersion("Foov2"));
        assertEquals("20150331", IamActionMapper.stripApiVersion("20150331"));
        assertEquals("Get12345678", IamActionMapper.stripApiVersion("Get12345678"));
        assertEquals("GetFunction", IamActionMapper.stripApiVersion("GetFunction20150331v2"));
        assertEquals("CreateInvalidation", IamActionMapper.stripApiVersion("CreateInvalidation2019_03_26"));
    }

    @Test
    void nullsAndCaseOfSource() {
        assertEquals("unknown:unknown", IamActionMapper.iamAction(null, null));
        assertEquals("cloudwatch:GetMetricData", IamActionMapper.iamAction("Monitoring.AmazonAWS.com", "GetMetricData"));
        assertEquals("custom:Thing", IamActionMapper.iamAction("custom", "Thing"));
    }
}

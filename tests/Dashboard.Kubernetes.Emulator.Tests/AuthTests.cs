using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>RBAC, reviews, impersonation and ServiceAccount tokens as kubectl sees them.</summary>
public sealed class AuthTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private int _files;

    private async Task<KubectlResult> Create(string yaml, string? kubeconfig = null, params string[] extra)
    {
        var path = Path.Combine(fx.Directory, $"auth-{Guid.NewGuid():N}-{_files++}.yaml");
        await File.WriteAllTextAsync(path, yaml);
        return await fx.Run(kubeconfig ?? fx.KubeconfigPath, null, null, ["create", "-f", path, "--validate=false", .. extra]);
    }

    private string UserConfig(string name, params string[] groups)
    {
        var token = fx.Emulator.Context.Users.Add(name, groups);
        return fx.KubeconfigFor(token, name);
    }

    [Fact]
    public async Task Restricted_user_gets_the_real_forbidden_messages()
    {
        var jane = UserConfig("jane");
        var pods = await fx.Run(jane, null, null, "get", "pods");
        Assert.Equal(1, pods.ExitCode);
        Assert.Contains("Error from server (Forbidden): pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"", pods.Stderr);

        var node = await fx.Run(jane, null, null, "get", "node", "n1");
        Assert.Contains("nodes \"n1\" is forbidden: User \"jane\" cannot get resource \"nodes\" in API group \"\" at the cluster scope", node.Stderr);

        var ns = await fx.Run(jane, null, null, "get", "namespace", "kube-system");
        Assert.Contains("namespaces \"kube-system\" is forbidden: User \"jane\" cannot get resource \"namespaces\" in API group \"\" in the namespace \"kube-system\"", ns.Stderr);
    }

    [Fact]
    public async Task Role_binding_grants_in_its_namespace_only_and_names_a_missing_role()
    {
        var alice = UserConfig("alice");
        (await Create("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: pod-reader, namespace: default}
            rules:
            - apiGroups: [""]
              resources: [pods]
              verbs: [get, list, watch]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: alice-reads-pods, namespace: default}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}
            """)).EnsureSuccess();

        var ok = (await fx.Run(alice, null, null, "get", "pods")).EnsureSuccess();
        Assert.Contains("No resources found in default namespace.", ok.Stderr);

        var other = await fx.Run(alice, null, null, "get", "pods", "-n", "kube-system");
        Assert.Contains("pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\"", other.Stderr);

        var logs = await fx.Run(alice, null, null, "get", "--raw", "/api/v1/namespaces/default/pods/x/log");
        Assert.Contains("cannot get resource \"pods/log\"", logs.Stderr);

        (await Create("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: dangling, namespace: default}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: no-such-role}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}
            """)).EnsureSuccess();
        var denied = await fx.Run(alice, null, null, "get", "secrets");
        Assert.Contains("secrets is forbidden: User \"alice\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\": RBAC: clusterrole.rbac.authorization.k8s.io \"no-such-role\" not found", denied.Stderr);
    }

    [Fact]
    public async Task Group_binding_to_the_aggregated_view_role_grants_reading_but_not_writing()
    {
        var bob = UserConfig("bob", "viewers");
        (await Create("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: viewers-view}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: viewers}
            """)).EnsureSuccess();
        (await fx.Run(bob, null, null, "get", "deployments,configmaps", "-A")).EnsureSuccess();
        Assert.Equal("yes", (await fx.Run(bob, null, null, "auth", "can-i", "list", "pods.metrics.k8s.io")).Stdout.Trim());
        var secrets = await fx.Run(bob, null, null, "get", "secrets");
        Assert.Contains("cannot list resource \"secrets\"", secrets.Stderr);
        var create = await Create("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: from-bob, namespace: default}
            """, bob);
        Assert.Contains("configmaps is forbidden: User \"bob\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"default\"", create.Stderr);
    }

    [Fact]
    public async Task Aggregation_controller_adds_rules_of_labelled_roles_to_view()
    {
        (await Create("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: widgets-view
              labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
            rules:
            - apiGroups: [example.com]
              resources: [widgets]
              verbs: [get, list]
            """)).EnsureSuccess();
        foreach (var role in new[] { "view", "edit", "admin" })
        {
            await EmulatorFixture.Eventually(async () =>
                (await fx.Kubectl("get", "clusterrole", role, "-o", "json")).Stdout.Contains("widgets", StringComparison.Ordinal),
                $"{role} aggregates widgets-view");
        }
        (await fx.Kubectl("delete", "clusterrole", "widgets-view")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () =>
            !(await fx.Kubectl("get", "clusterrole", "admin", "-o", "json")).Stdout.Contains("widgets", StringComparison.Ordinal),
            "admin drops the rules of the deleted role");
    }

    [Fact]
    public async Task Self_subject_access_review_and_rules_review_answer_for_the_caller()
    {
        var carol = UserConfig("carol");
        var allowed = (await Create("""
            {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
             "spec":{"resourceAttributes":{"namespace":"default","verb":"create","group":"authorization.k8s.io","resource":"selfsubjectaccessreviews"}}}
            """, carol, "-o", "json")).EnsureSuccess();
        var status = JsonNode.Parse(allowed.Stdout)!["status"]!;
        Assert.True(status["allowed"]!.GetValue<bool>());
        Assert.Equal("RBAC: allowed by ClusterRoleBinding \"system:basic-user\" of ClusterRole \"system:basic-user\" to Group \"system:authenticated\"", status["reason"]!.GetValue<string>());

        var denied = (await Create("""
            {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
             "spec":{"resourceAttributes":{"namespace":"default","verb":"delete","resource":"pods"}}}
            """, carol, "-o", "json")).EnsureSuccess();
        Assert.False(JsonNode.Parse(denied.Stdout)!["status"]!["allowed"]!.GetValue<bool>());

        var rules = (await Create("""{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview","spec":{"namespace":"default"}}""", carol, "-o", "json")).EnsureSuccess();
        var rr = JsonNode.Parse(rules.Stdout)!["status"]!;
        Assert.False(rr["incomplete"]!.GetValue<bool>());
        Assert.Contains(rr["resourceRules"]!.AsArray(), r => r!["resources"]!.AsArray().Any(x => x!.GetValue<string>() == "selfsubjectrulesreviews"));
        Assert.Contains(rr["nonResourceRules"]!.AsArray(), r => r!["nonResourceURLs"]!.AsArray().Any(x => x!.GetValue<string>() == "/api/*"));

        var whoami = (await Create("""{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""", carol, "-o", "json")).EnsureSuccess();
        var userInfo = JsonNode.Parse(whoami.Stdout)!["status"]!["userInfo"]!;
        Assert.Equal("carol", userInfo["username"]!.GetValue<string>());
        Assert.Equal("system:authenticated", userInfo["groups"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Impersonation_needs_the_impersonate_verb()
    {
        var dave = UserConfig("dave");
        var denied = await fx.Run(dave, null, null, "get", "pods", "--as", "erin");
        Assert.Contains("users \"erin\" is forbidden: User \"dave\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope", denied.Stderr);

        var asErin = await fx.Kubectl("get", "pods", "--as", "erin");
        Assert.Contains("pods is forbidden: User \"erin\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"", asErin.Stderr);

        (await Create("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: impersonate-erin}
            rules:
            - apiGroups: [""]
              resources: [users]
              resourceNames: [erin]
              verbs: [impersonate]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: dave-impersonates-erin}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonate-erin}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: User, name: dave}
            """)).EnsureSuccess();
        var nowErin = await fx.Run(dave, null, null, "get", "pods", "--as", "erin");
        Assert.Contains("User \"erin\" cannot list resource \"pods\"", nowErin.Stderr);
        var group = await fx.Run(dave, null, null, "get", "pods", "--as", "erin", "--as-group", "admins");
        Assert.Contains("groups \"admins\" is forbidden: User \"dave\" cannot impersonate resource \"groups\" in API group \"\" at the cluster scope", group.Stderr);
    }

    [Fact]
    public async Task Service_account_token_authenticates_until_the_account_is_deleted()
    {
        (await Create("""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: robot, namespace: default}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: robot-edit, namespace: default}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
            subjects:
            - {kind: ServiceAccount, name: robot}
            """)).EnsureSuccess();
        var issued = fx.Emulator.Context.ServiceAccountTokens!.Create("default", "robot");
        var robot = fx.KubeconfigFor(issued.Token, "robot");
        (await fx.Run(robot, null, null, "get", "configmaps")).EnsureSuccess();
        var nodes = await fx.Run(robot, null, null, "get", "nodes");
        Assert.Contains("nodes is forbidden: User \"system:serviceaccount:default:robot\" cannot list resource \"nodes\" in API group \"\" at the cluster scope", nodes.Stderr);

        var whoami = (await Create("""{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""", robot, "-o", "json")).EnsureSuccess();
        var groups = JsonNode.Parse(whoami.Stdout)!["status"]!["userInfo"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>());
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"], groups);

        (await fx.Kubectl("delete", "serviceaccount", "robot")).EnsureSuccess();
        var after = await fx.Run(robot, null, null, "get", "configmaps");
        Assert.NotEqual(0, after.ExitCode);
        Assert.Contains("error: You must be logged in to the server (Unauthorized)", after.Stderr);
    }

    [Fact]
    public async Task Token_request_over_http_returns_201_and_validates_expiration()
    {
        (await Create("""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: minted, namespace: default}
            """)).EnsureSuccess();
        using var admin = AuthHttp.Client(fx.Emulator, fx.Emulator.AdminToken);
        var (code, body) = await AuthHttp.Send(admin, HttpMethod.Post, "/api/v1/namespaces/default/serviceaccounts/minted/token",
            JsonNode.Parse("""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":1200}}"""));
        Assert.Equal(201, code);
        var tr = JsonNode.Parse(body)!;
        Assert.Equal("TokenRequest", tr["kind"]!.GetValue<string>());
        Assert.Equal(1200, tr["spec"]!["expirationSeconds"]!.GetValue<long>());
        Assert.Equal("https://kubernetes.default.svc.cluster.local", tr["spec"]!["audiences"]![0]!.GetValue<string>());
        var token = tr["status"]!["token"]!.GetValue<string>();
        var expires = DateTimeOffset.Parse(tr["status"]!["expirationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - fx.Emulator.Context.Clock.GetUtcNow(), TimeSpan.FromSeconds(1190), TimeSpan.FromSeconds(1201));

        var (reviewCode, review) = await AuthHttp.Send(admin, HttpMethod.Post, "/apis/authentication.k8s.io/v1/tokenreviews",
            new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "TokenReview", ["spec"] = new JsonObject { ["token"] = token } });
        Assert.Equal(201, reviewCode);
        var status = JsonNode.Parse(review)!["status"]!;
        Assert.True(status["authenticated"]!.GetValue<bool>());
        Assert.Equal("system:serviceaccount:default:minted", status["user"]!["username"]!.GetValue<string>());
        Assert.StartsWith("JTI=", status["user"]!["extra"]!["authentication.kubernetes.io/credential-id"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var (shortCode, shortBody) = await AuthHttp.Send(admin, HttpMethod.Post, "/api/v1/namespaces/default/serviceaccounts/minted/token",
            JsonNode.Parse("""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":60}}"""));
        Assert.Equal(422, shortCode);
        Assert.Contains("TokenRequest.authentication.k8s.io \\\"minted\\\" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes", shortBody);

        var (missingCode, missing) = await AuthHttp.Send(admin, HttpMethod.Post, "/api/v1/namespaces/default/serviceaccounts/ghost/token",
            JsonNode.Parse("""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}}"""));
        Assert.Equal(404, missingCode);
        Assert.Contains("serviceaccounts \\\"ghost\\\" not found", missing);
    }

    [Fact]
    public async Task Unauthorized_and_anonymous_responses_are_exact()
    {
        using var bad = AuthHttp.Client(fx.Emulator, "nope");
        var (code, body) = await AuthHttp.Send(bad, HttpMethod.Get, "/api/v1/pods");
        Assert.Equal(401, code);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""", body);

        using var anonymous = AuthHttp.Client(fx.Emulator, null);
        Assert.Equal(200, (await AuthHttp.Send(anonymous, HttpMethod.Get, "/version")).Code);
        var (apiCode, api) = await AuthHttp.Send(anonymous, HttpMethod.Get, "/api");
        Assert.Equal(403, apiCode);
        Assert.Contains("forbidden: User \\\"system:anonymous\\\" cannot get path \\\"/api\\\"", api);
    }

    [Fact]
    public async Task Legacy_token_secret_gets_a_working_token()
    {
        (await Create("""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: legacy, namespace: default}
            """)).EnsureSuccess();
        (await Create("""
            apiVersion: v1
            kind: Secret
            type: kubernetes.io/service-account-token
            metadata:
              name: legacy-token
              namespace: default
              annotations: {kubernetes.io/service-account.name: legacy}
            """)).EnsureSuccess();
        string? token = null;
        await EmulatorFixture.Eventually(async () =>
        {
            var r = await fx.Kubectl("get", "secret", "legacy-token", "-o", "jsonpath={.data.token}");
            if (r.Stdout.Length == 0) return false;
            token = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(r.Stdout));
            return true;
        }, "the tokens controller fills the secret");
        var whoami = (await Create("""{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""", fx.KubeconfigFor(token!, "legacy"), "-o", "json")).EnsureSuccess();
        Assert.Contains("system:serviceaccount:default:legacy", whoami.Stdout);
        var lastUsed = await fx.Kubectl("get", "secret", "legacy-token", "-o", "jsonpath={.metadata.labels.kubernetes\\.io/legacy-token-last-used}");
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", lastUsed.Stdout);

        (await fx.Kubectl("delete", "serviceaccount", "legacy")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () => (await fx.Kubectl("get", "secret", "legacy-token")).ExitCode != 0, "the token secret goes with its ServiceAccount");
    }

    [Fact]
    public async Task Namespace_admin_cannot_grant_what_it_does_not_hold()
    {
        (await Create("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: team}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: frank-admin, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: User, name: frank}
            """)).EnsureSuccess();
        var frank = UserConfig("frank");
        (await Create("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: pods, namespace: team}
            rules:
            - {apiGroups: [""], resources: [pods], verbs: [get, list]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: grace-view, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: User, name: grace}
            """, frank)).EnsureSuccess();

        var escalate = await Create("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: nodes, namespace: team}
            rules:
            - {apiGroups: [""], resources: [nodes], verbs: [get, list]}
            """, frank);
        Assert.Contains("roles.rbac.authorization.k8s.io \"nodes\" is forbidden: user \"frank\" (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\" \"list\"]}", escalate.Stderr);

        var bindAdmin = await Create("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: grace-cluster-admin, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: User, name: grace}
            """, frank);
        Assert.Contains("rolebindings.rbac.authorization.k8s.io \"grace-cluster-admin\" is forbidden: user \"frank\"", bindAdmin.Stderr);
    }

    [Fact]
    public async Task Kubectl_auth_can_i_and_whoami_answer_for_users_and_impersonated_users()
    {
        var henry = UserConfig("henry", "qa");
        (await Create("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: qa-edit, namespace: default}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: qa}
            """)).EnsureSuccess();
        var yes = await fx.Run(henry, null, null, "auth", "can-i", "create", "deployments");
        Assert.Equal((0, "yes"), (yes.ExitCode, yes.Stdout.Trim()));
        var no = await fx.Run(henry, null, null, "auth", "can-i", "create", "deployments", "-n", "kube-system");
        Assert.Equal((1, "no"), (no.ExitCode, no.Stdout.Trim()));
        var subresource = await fx.Run(henry, null, null, "auth", "can-i", "get", "pods", "--subresource=log");
        Assert.Equal("yes", subresource.Stdout.Trim());

        var list = (await fx.Run(henry, null, null, "auth", "can-i", "--list")).EnsureSuccess();
        Assert.Contains("deployments.apps", list.Stdout);
        Assert.Contains("selfsubjectrulesreviews.authorization.k8s.io", list.Stdout);
        Assert.Contains("[/api/*]", list.Stdout);

        var asHenry = await fx.Kubectl("auth", "can-i", "delete", "nodes", "--as", "henry", "--as-group", "qa");
        Assert.Equal("no", asHenry.Stdout.Trim());
        var admin = await fx.Kubectl("auth", "can-i", "delete", "nodes");
        Assert.Equal("yes", admin.Stdout.Trim());

        var whoami = (await fx.Run(henry, null, null, "auth", "whoami")).EnsureSuccess();
        Assert.Matches(@"Username\s+henry", whoami.Stdout);
        Assert.Matches(@"Groups\s+\[qa system:authenticated\]", whoami.Stdout);
        var impersonated = (await fx.Kubectl("auth", "whoami", "--as", "system:serviceaccount:default:ghost")).EnsureSuccess();
        Assert.Matches(@"Groups\s+\[system:serviceaccounts system:serviceaccounts:default system:authenticated\]", impersonated.Stdout);
    }

    [Fact]
    public async Task Kubectl_create_token_mints_a_token_that_dies_with_its_service_account()
    {
        (await Create("""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: deployer, namespace: default}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: deployer-view, namespace: default}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects:
            - {kind: ServiceAccount, name: deployer, namespace: default}
            """)).EnsureSuccess();
        var token = (await fx.Kubectl("create", "token", "deployer", "--duration", "15m")).EnsureSuccess().Stdout.Trim();
        var tooShort = await fx.Kubectl("create", "token", "deployer", "--duration", "1m");
        Assert.Contains("TokenRequest.authentication.k8s.io \"deployer\" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes", tooShort.Stderr);
        var missing = await fx.Kubectl("create", "token", "nobody");
        Assert.Contains("serviceaccounts \"nobody\" not found", missing.Stderr);

        var deployer = fx.KubeconfigFor(token, "deployer");
        (await fx.Run(deployer, null, null, "get", "pods")).EnsureSuccess();
        var whoami = (await fx.Run(deployer, null, null, "auth", "whoami")).EnsureSuccess();
        Assert.Contains("system:serviceaccount:default:deployer", whoami.Stdout);
        Assert.Contains("authentication.kubernetes.io/credential-id", whoami.Stdout);
        var cannot = await fx.Run(deployer, null, null, "auth", "can-i", "create", "pods");
        Assert.Equal("no", cannot.Stdout.Trim());

        (await fx.Kubectl("delete", "serviceaccount", "deployer")).EnsureSuccess();
        var gone = await fx.Run(deployer, null, null, "get", "pods");
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("error: You must be logged in to the server (Unauthorized)", gone.Stderr);
    }

    [Fact]
    public async Task Rbac_objects_are_validated_and_role_ref_is_immutable()
    {
        var bad = await Create("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: bad-role, namespace: default}
            rules:
            - {resources: [pods], verbs: [get]}
            - {nonResourceURLs: [/metrics], verbs: [get]}
            """);
        Assert.Contains("The Role \"bad-role\" is invalid: ", bad.Stderr);
        Assert.Contains("rules[0].apiGroups: Required value: resource rules must supply at least one api group", bad.Stderr);
        Assert.Contains("rules[1].nonResourceURLs: Invalid value: []string{\"/metrics\"}: namespaced rules cannot apply to non-resource URLs", bad.Stderr);

        var badBinding = await Create("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: bad-binding}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: view}
            subjects:
            - {kind: ServiceAccount, name: robot}
            """);
        Assert.Contains("roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"", badBinding.Stderr);
        Assert.Contains("subjects[0].namespace: Required value", badBinding.Stderr);

        (await Create("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: fixed-ref, namespace: default}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: User, name: ivy}
            """)).EnsureSuccess();
        var changed = Path.Combine(fx.Directory, "fixed-ref.yaml");
        await File.WriteAllTextAsync(changed, """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: fixed-ref, namespace: default}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: User, name: ivy}
            """);
        var patch = await fx.Kubectl("replace", "-f", changed, "--validate=false");
        Assert.Contains("roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"edit\"}: cannot change roleRef", patch.Stderr);
    }

    [Fact]
    public async Task Subject_access_review_evaluates_any_user_and_reviews_validate_their_spec()
    {
        using var admin = AuthHttp.Client(fx.Emulator, fx.Emulator.AdminToken);
        JsonObject Sar(JsonObject spec) => new() { ["apiVersion"] = "authorization.k8s.io/v1", ["kind"] = "SubjectAccessReview", ["spec"] = spec };
        var attrs = new JsonObject { ["verb"] = "list", ["resource"] = "pods", ["namespace"] = "default" };

        var (code, body) = await AuthHttp.Send(admin, HttpMethod.Post, "/apis/authorization.k8s.io/v1/subjectaccessreviews",
            Sar(new JsonObject { ["user"] = "nobody", ["resourceAttributes"] = attrs.DeepClone() }));
        Assert.Equal(201, code);
        var review = JsonNode.Parse(body)!;
        Assert.Equal("nobody", review["spec"]!["user"]!.GetValue<string>());
        Assert.False(review["status"]!["allowed"]!.GetValue<bool>());

        var (_, masters) = await AuthHttp.Send(admin, HttpMethod.Post, "/apis/authorization.k8s.io/v1/subjectaccessreviews",
            Sar(new JsonObject { ["user"] = "root", ["groups"] = new JsonArray("system:masters"), ["resourceAttributes"] = attrs.DeepClone() }));
        Assert.True(JsonNode.Parse(masters)!["status"]!["allowed"]!.GetValue<bool>());

        var (invalidCode, invalid) = await AuthHttp.Send(admin, HttpMethod.Post, "/apis/authorization.k8s.io/v1/subjectaccessreviews",
            Sar(new JsonObject { ["resourceAttributes"] = attrs.DeepClone() }));
        Assert.Equal(422, invalidCode);
        Assert.Contains("SubjectAccessReview.authorization.k8s.io \\\"\\\" is invalid: spec.user: Invalid value: \\\"\\\": at least one of user or group must be specified", invalid);

        var (emptyCode, empty) = await AuthHttp.Send(admin, HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            new JsonObject { ["apiVersion"] = "authorization.k8s.io/v1", ["kind"] = "SelfSubjectAccessReview", ["spec"] = new JsonObject() });
        Assert.Equal(422, emptyCode);
        Assert.Contains("exactly one of nonResourceAttributes or resourceAttributes must be specified", empty);

        var (getCode, get) = await AuthHttp.Send(admin, HttpMethod.Get, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
        Assert.Equal(405, getCode);
        Assert.Contains("the server does not allow this method on the requested resource", get);

        using var kim = AuthHttp.Client(fx.Emulator, fx.Emulator.Context.Users.Add("kim"));
        var (forbiddenCode, forbidden) = await AuthHttp.Send(kim, HttpMethod.Post, "/apis/authorization.k8s.io/v1/subjectaccessreviews",
            Sar(new JsonObject { ["user"] = "x", ["resourceAttributes"] = attrs.DeepClone() }));
        Assert.Equal(403, forbiddenCode);
        Assert.Contains("subjectaccessreviews.authorization.k8s.io is forbidden: User \\\"kim\\\" cannot create resource \\\"subjectaccessreviews\\\" in API group \\\"authorization.k8s.io\\\" at the cluster scope", forbidden);
    }
}

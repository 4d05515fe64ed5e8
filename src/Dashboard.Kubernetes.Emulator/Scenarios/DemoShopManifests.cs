namespace Dashboard.Kubernetes.Emulator.Scenarios;

/// <summary>
/// The shop namespace: a storefront behind an Ingress with quota, limits, an HPA and a PDB, plus two broken
/// deployments (an image that cannot be pulled, a readiness probe that always fails).
/// </summary>
internal static class DemoShopManifests
{
    public const string Yaml = """
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: compute, namespace: shop}
        spec:
          hard:
            requests.cpu: "4"
            requests.memory: 8Gi
            limits.cpu: "8"
            limits.memory: 16Gi
            pods: "30"
            services: "10"
        ---
        apiVersion: v1
        kind: LimitRange
        metadata: {name: container-defaults, namespace: shop}
        spec:
          limits:
          - type: Container
            default: {cpu: 500m, memory: 512Mi}
            defaultRequest: {cpu: 100m, memory: 128Mi}
            max: {cpu: "2", memory: 2Gi}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: shop-app, namespace: shop, labels: {app.kubernetes.io/part-of: shop}}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: config-reader, namespace: shop}
        rules:
        - apiGroups: [""]
          resources: [configmaps]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: shop-app-config-reader, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader}
        subjects:
        - {kind: ServiceAccount, name: shop-app, namespace: shop}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: frontend-config, namespace: shop, labels: {app: frontend}}
        data:
          nginx.conf: |
            server {
              listen 80;
              location / { root /usr/share/nginx/html; try_files $uri /index.html; }
              location /api/cart { proxy_pass http://cart:8080; }
            }
          FEATURE_FLAGS: "new-checkout,recommendations"
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: catalog-config, namespace: shop, labels: {app: catalog}}
        data:
          CATALOG_PAGE_SIZE: "48"
          CATALOG_CACHE_TTL: 5m
          DATABASE_HOST: postgres.data.svc.cluster.local
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: shop-db-credentials, namespace: shop}
        type: Opaque
        stringData:
          username: shop
          password: s3cr3t-sh0p-pa55
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: shop-tls, namespace: shop}
        type: kubernetes.io/tls
        data:
          tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkemNDQVIyZ0F3SUJBZ0lRZGVtbwotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==
          tls.key: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSURlbW8KLS0tLS1FTkQgRUMgUFJJVkFURSBLRVktLS0tLQo=
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: frontend
          namespace: shop
          labels: {app: frontend, app.kubernetes.io/part-of: shop}
        spec:
          replicas: 3
          selector: {matchLabels: {app: frontend}}
          strategy:
            type: RollingUpdate
            rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
          template:
            metadata: {labels: {app: frontend, app.kubernetes.io/part-of: shop}}
            spec:
              serviceAccountName: shop-app
              priorityClassName: business-critical
              containers:
              - name: nginx
                image: nginx:1.27.2
                ports:
                - {name: http, containerPort: 80}
                env:
                - name: FEATURE_FLAGS
                  valueFrom: {configMapKeyRef: {name: frontend-config, key: FEATURE_FLAGS}}
                - {name: EMULATOR_CPU_USAGE, value: 60m}
                - {name: EMULATOR_MEMORY_USAGE, value: 48Mi}
                resources:
                  requests: {cpu: 100m, memory: 64Mi}
                  limits: {cpu: 500m, memory: 256Mi}
                readinessProbe:
                  httpGet: {path: /, port: http}
                  periodSeconds: 5
                livenessProbe:
                  httpGet: {path: /, port: http}
                volumeMounts:
                - {name: config, mountPath: /etc/nginx/conf.d}
              volumes:
              - name: config
                configMap:
                  name: frontend-config
                  items:
                  - {key: nginx.conf, path: default.conf}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: frontend, namespace: shop, labels: {app: frontend}}
        spec:
          selector: {app: frontend}
          ports:
          - {name: http, port: 80, targetPort: http}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: cart
          namespace: shop
          labels: {app: cart, app.kubernetes.io/part-of: shop}
        spec:
          replicas: 2
          selector: {matchLabels: {app: cart}}
          template:
            metadata: {labels: {app: cart, app.kubernetes.io/part-of: shop}}
            spec:
              serviceAccountName: shop-app
              containers:
              - name: cart
                image: ghcr.io/acme-demo/cart:2.4.1
                ports:
                - {name: http, containerPort: 8080}
                env:
                - {name: REDIS_URL, value: "redis://redis.data.svc.cluster.local:6379"}
                - {name: EMULATOR_CPU_USAGE, value: 120m}
                resources:
                  requests: {cpu: 200m, memory: 256Mi}
                  limits: {cpu: "1", memory: 512Mi}
                readinessProbe:
                  httpGet: {path: /healthz, port: http}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: cart, namespace: shop, labels: {app: cart}}
        spec:
          selector: {app: cart}
          ports:
          - {name: http, port: 8080, targetPort: http}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: catalog
          namespace: shop
          labels: {app: catalog, app.kubernetes.io/part-of: shop}
        spec:
          replicas: 2
          selector: {matchLabels: {app: catalog}}
          template:
            metadata: {labels: {app: catalog, app.kubernetes.io/part-of: shop}}
            spec:
              containers:
              - name: catalog
                image: ghcr.io/acme-demo/catalog:1.9.0
                ports:
                - {name: http, containerPort: 8080}
                envFrom:
                - configMapRef: {name: catalog-config}
                env:
                - name: DATABASE_PASSWORD
                  valueFrom: {secretKeyRef: {name: shop-db-credentials, key: password}}
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                  limits: {cpu: 500m, memory: 256Mi}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: catalog, namespace: shop, labels: {app: catalog}}
        spec:
          selector: {app: catalog}
          ports:
          - {name: http, port: 8080, targetPort: http}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: recommendations
          namespace: shop
          labels: {app: recommendations, app.kubernetes.io/part-of: shop}
          annotations: {kubernetes.io/change-cause: "deploy build with a tag that was never pushed"}
        spec:
          replicas: 1
          selector: {matchLabels: {app: recommendations}}
          template:
            metadata: {labels: {app: recommendations, app.kubernetes.io/part-of: shop}}
            spec:
              containers:
              - name: recommendations
                image: ghcr.io/acme-demo/recommendations:doesnotexist
                ports:
                - {containerPort: 8080}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: legacy-api
          namespace: shop
          labels: {app: legacy-api, app.kubernetes.io/part-of: shop}
        spec:
          replicas: 1
          selector: {matchLabels: {app: legacy-api}}
          template:
            metadata: {labels: {app: legacy-api, app.kubernetes.io/part-of: shop}}
            spec:
              containers:
              - name: api
                image: ghcr.io/acme-demo/legacy-api:0.9.12
                ports:
                - {name: http, containerPort: 8080}
                readinessProbe:
                  httpGet: {path: /fail/healthz, port: http}
                  periodSeconds: 5
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: legacy-api, namespace: shop, labels: {app: legacy-api}}
        spec:
          selector: {app: legacy-api}
          ports:
          - {name: http, port: 8080, targetPort: http}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          namespace: shop
          annotations: {nginx.ingress.kubernetes.io/proxy-body-size: 8m}
        spec:
          ingressClassName: nginx
          tls:
          - hosts: [shop.demo.local]
            secretName: shop-tls
          rules:
          - host: shop.demo.local
            http:
              paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: frontend, port: {number: 80}}}
              - path: /api/cart
                pathType: Prefix
                backend: {service: {name: cart, port: {name: http}}}
              - path: /api/catalog
                pathType: Prefix
                backend: {service: {name: catalog, port: {number: 8080}}}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: frontend, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: frontend}
          minReplicas: 3
          maxReplicas: 10
          metrics:
          - type: Resource
            resource:
              name: cpu
              target: {type: Utilization, averageUtilization: 70}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: frontend, namespace: shop}
        spec:
          minAvailable: 2
          selector: {matchLabels: {app: frontend}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny-ingress, namespace: shop}
        spec:
          podSelector: {}
          policyTypes: [Ingress]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-from-ingress, namespace: shop}
        spec:
          podSelector: {matchLabels: {app.kubernetes.io/part-of: shop}}
          policyTypes: [Ingress]
          ingress:
          - from:
            - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
            - podSelector: {matchLabels: {app.kubernetes.io/part-of: shop}}
        """;
}

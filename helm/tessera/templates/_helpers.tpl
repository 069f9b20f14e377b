{{/*
Chart name, truncated to the 63 characters a label value allows.
*/}}
{{- define "tessera.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: the prefix of every resource name. <release>-tessera, or the release name when it already contains
the chart name.
*/}}
{{- define "tessera.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "tessera.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every resource. Call with a dict: (dict "ctx" $ "component" "api"); component may be omitted.
*/}}
{{- define "tessera.labels" -}}
helm.sh/chart: {{ include "tessera.chart" .ctx }}
{{ include "tessera.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: tessera
{{- end }}

{{/*
Selector labels: stable for the life of a release, never include the version. Call with
(dict "ctx" $ "component" "api"); component may be omitted.
*/}}
{{- define "tessera.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tessera.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end }}

{{/*
Name of a component's resources: <fullname>-<component>.
*/}}
{{- define "tessera.componentName" -}}
{{- printf "%s-%s" (include "tessera.fullname" .ctx) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The ServiceAccount the pods run as.
*/}}
{{- define "tessera.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "tessera.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
An image reference from an image block ({repository, tag, digest}); the tag defaults to the chart's appVersion and
a digest wins over the tag. Call with (dict "image" .Values.image.backend "ctx" $).
*/}}
{{- define "tessera.image" -}}
{{- if .image.digest }}
{{- printf "%s@%s" .image.repository .image.digest }}
{{- else }}
{{- printf "%s:%s" .image.repository (default .ctx.Chart.AppVersion .image.tag | toString) }}
{{- end }}
{{- end }}

{{- define "tessera.backendImage" -}}
{{- include "tessera.image" (dict "image" .Values.image.backend "ctx" .) }}
{{- end }}

{{- define "tessera.webImage" -}}
{{- include "tessera.image" (dict "image" .Values.image.web "ctx" .) }}
{{- end }}

{{/*
The site's public address (TESSERA_PUBLIC_URL): config.publicUrl, else the first ingress host (https when that
host has TLS), else the port-forward address printed in NOTES.txt.
*/}}
{{- define "tessera.publicUrl" -}}
{{- if .Values.config.publicUrl }}
{{- .Values.config.publicUrl | trimSuffix "/" }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- $host := (first .Values.ingress.hosts).host }}
{{- $scheme := "http" }}
{{- range .Values.ingress.tls }}
{{- if has $host (.hosts | default list) }}
{{- $scheme = "https" }}
{{- end }}
{{- end }}
{{- printf "%s://%s" $scheme $host }}
{{- else }}
{{- printf "http://localhost:%v" .Values.web.service.port }}
{{- end }}
{{- end }}

{{/*
The API's in-cluster address, given to the web app (TESSERA_API_URL).
*/}}
{{- define "tessera.apiUrl" -}}
{{- printf "http://%s:%v" (include "tessera.componentName" (dict "ctx" . "component" "api")) .Values.api.service.port }}
{{- end }}

{{/*
The backend's non-secret settings as a YAML map of strings. One source for both the ConfigMap and the migration
hook Job (which cannot use the ConfigMap: see migrate-job.yaml).
*/}}
{{- define "tessera.backendConfig" -}}
TESSERA_ENV: {{ .Values.config.env | quote }}
TESSERA_PUBLIC_URL: {{ include "tessera.publicUrl" . | quote }}
TESSERA_HOST: "0.0.0.0"
TESSERA_PORT: "8000"
TESSERA_WORKERS: {{ .Values.config.workers | quote }}
TESSERA_DATA_DIR: "/tmp/tessera"
TESSERA_LOG_LEVEL: {{ .Values.config.logLevel | quote }}
TESSERA_LOG_FORMAT: {{ .Values.config.logFormat | quote }}
TESSERA_HOLD_MINUTES: {{ .Values.config.holdMinutes | quote }}
TESSERA_MAX_TICKETS_PER_USER: {{ .Values.config.maxTicketsPerUser | quote }}
TESSERA_RATE_LIMIT_ENABLED: {{ .Values.config.rateLimitEnabled | quote }}
TESSERA_TRUSTED_PROXIES: {{ .Values.config.trustedProxies | quote }}
TESSERA_MAIL_FROM: {{ .Values.config.mailFrom | quote }}
TESSERA_FREEDOMPAY_EMULATOR: {{ include "tessera.freedompayEmulator" . | quote }}
TESSERA_FREEDOMPAY_BASE_URL: {{ .Values.config.freedompay.baseUrl | quote }}
TESSERA_FREEDOMPAY_TESTING_MODE: {{ .Values.config.freedompay.testingMode | quote }}
TESSERA_SCHEDULER_IN_PROCESS: "false"
{{- end }}

{{/*
"true" when the built-in payment emulator is on. Without it the gateway's address and credentials are required:
the schema says so first, this repeats it for --skip-schema-validation.
*/}}
{{- define "tessera.freedompayEmulator" -}}
{{- $fp := .Values.config.freedompay }}
{{- if and $fp.emulator $fp.baseUrl }}
{{- fail "config.freedompay: emulator: true needs an empty baseUrl (the backend would use the address and not the emulator)" }}
{{- else if $fp.emulator }}
{{- "true" }}
{{- else if not (and $fp.baseUrl $fp.credentialsSecret) }}
{{- fail "config.freedompay: set baseUrl (e.g. https://api.freedompay.kz) and credentialsSecret (the Secret holding TESSERA_FREEDOMPAY_MERCHANT_ID and TESSERA_FREEDOMPAY_SECRET_KEY), or emulator: true on a staging site" }}
{{- else }}
{{- "false" }}
{{- end }}
{{- end }}

{{/*
EnvVar entries reading the FreedomPay credentials from config.freedompay.credentialsSecret. Not optional: a pod
whose Secret lacks a key stays in CreateContainerConfigError naming it, rather than starting without credentials.
*/}}
{{- define "tessera.freedompayCredentialsEnv" -}}
{{- with .Values.config.freedompay.credentialsSecret }}
{{- range list "TESSERA_FREEDOMPAY_MERCHANT_ID" "TESSERA_FREEDOMPAY_SECRET_KEY" }}
- name: {{ . }}
  valueFrom:
    secretKeyRef:
      name: {{ $.Values.config.freedompay.credentialsSecret }}
      key: {{ . }}
      optional: false
{{- end }}
{{- end }}
{{- end }}

{{/*
Checksum of the backend settings, as a pod annotation: pods roll when the settings change.
*/}}
{{- define "tessera.configChecksum" -}}
checksum/config: {{ include "tessera.backendConfig" . | sha256sum }}
{{- end }}

{{/*
Environment of a backend container: the ConfigMap and the existing Secret, then the FreedomPay credentials and
extraEnv.
*/}}
{{- define "tessera.backendEnv" -}}
envFrom:
  - configMapRef:
      name: {{ include "tessera.componentName" (dict "ctx" . "component" "config") }}
  - secretRef:
      name: {{ .Values.existingSecret }}
      optional: false
{{- $credentials := include "tessera.freedompayCredentialsEnv" . | trim }}
{{- if or $credentials .Values.extraEnv }}
env:
  {{- with $credentials }}
  {{- . | nindent 2 }}
  {{- end }}
  {{- with .Values.extraEnv }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}
{{- end }}

{{/*
Pod and container security contexts shared by every pod.
*/}}
{{- define "tessera.podSecurityContext" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end }}

{{- define "tessera.containerSecurityContext" -}}
securityContext:
  {{- toYaml .Values.containerSecurityContext | nindent 2 }}
{{- end }}

{{/*
Pod metadata of a component: labels (selector labels and podLabels) and annotations (podAnnotations, plus any given
in "annotations"). Call with (dict "ctx" $ "component" "api" "annotations" (dict ...)).
*/}}
{{- define "tessera.podMetadata" -}}
metadata:
  labels:
    {{- include "tessera.labels" (dict "ctx" .ctx "component" .component) | nindent 4 }}
    {{- with .ctx.Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- $annotations := merge (dict) (.annotations | default dict) .ctx.Values.podAnnotations }}
  {{- with $annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/*
Pod-level settings shared by every pod: service account (no token), pull secrets, security context.
*/}}
{{- define "tessera.podCommon" -}}
serviceAccountName: {{ include "tessera.serviceAccountName" . }}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{ include "tessera.podSecurityContext" . }}
{{- end }}

{{/*
Scheduling of a component's pods: nodeSelector, tolerations, affinity and topology spread constraints. An entry of
topologySpreadConstraints without labelSelector gets the component's selector labels.
Call with (dict "ctx" $ "component" "api" "values" .Values.api).
*/}}
{{- define "tessera.scheduling" -}}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if .values.topologySpreadConstraints }}
{{- $selector := include "tessera.selectorLabels" (dict "ctx" .ctx "component" .component) | fromYaml }}
topologySpreadConstraints:
{{- range .values.topologySpreadConstraints }}
{{- $constraint := deepCopy . }}
{{- if not (hasKey $constraint "labelSelector") }}
{{- $_ := set $constraint "labelSelector" (dict "matchLabels" $selector) }}
{{- end }}
  - {{ toYaml $constraint | nindent 4 | trim }}
{{- end }}
{{- end }}
{{- end }}

{{/*
A PodDisruptionBudget's minAvailable/maxUnavailable: exactly one of them. Call with the podDisruptionBudget values
and a component name for the error message.
*/}}
{{- define "tessera.pdbSpec" -}}
{{- $pdb := .pdb }}
{{- $hasMin := not (kindIs "invalid" $pdb.minAvailable) }}
{{- $hasMax := not (kindIs "invalid" $pdb.maxUnavailable) }}
{{- if and $hasMin $hasMax }}
{{- fail (printf "%s.podDisruptionBudget: set minAvailable or maxUnavailable, not both" .component) }}
{{- else if $hasMin }}
minAvailable: {{ $pdb.minAvailable }}
{{- else if $hasMax }}
maxUnavailable: {{ $pdb.maxUnavailable }}
{{- else }}
{{- fail (printf "%s.podDisruptionBudget: set minAvailable or maxUnavailable" .component) }}
{{- end }}
{{- end }}

{{/*
HorizontalPodAutoscaler metrics from an autoscaling block.
*/}}
{{- define "tessera.hpaMetrics" -}}
metrics:
{{- with .targetCPUUtilizationPercentage }}
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: {{ . }}
{{- end }}
{{- with .targetMemoryUtilizationPercentage }}
  - type: Resource
    resource:
      name: memory
      target:
        type: Utilization
        averageUtilization: {{ . }}
{{- end }}
{{- end }}

{{/* Names: 63 characters at most (DNS labels), without a trailing dash. */}}
{{- define "photocollect.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name; the release name alone when it already contains the chart's name. */}}
{{- define "photocollect.fullname" -}}
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

{{- define "photocollect.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the pods: the Deployment, the Service, the PDB and the anti-affinity use the same. */}}
{{- define "photocollect.selectorLabels" -}}
app.kubernetes.io/name: {{ include "photocollect.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "photocollect.labels" -}}
helm.sh/chart: {{ include "photocollect.chart" . }}
{{ include "photocollect.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "photocollect.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "photocollect.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "photocollect.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The Secret with the database connection string: an existing one, or the one this chart makes. */}}
{{- define "photocollect.databaseSecretName" -}}
{{- default (printf "%s-database" (include "photocollect.fullname" .)) .Values.database.existingSecret }}
{{- end }}

{{/* The clustering store is the same database unless a Secret of its own is named. */}}
{{- define "photocollect.clusteringSecretName" -}}
{{- default (include "photocollect.databaseSecretName" .) .Values.orleans.clusteringSecret.name }}
{{- end }}

{{- define "photocollect.clusteringSecretKey" -}}
{{- default .Values.database.secretKey .Values.orleans.clusteringSecret.key }}
{{- end }}

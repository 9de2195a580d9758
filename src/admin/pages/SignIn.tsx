import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api, applyProblem, call } from '../api/client';
import { useSession, type SessionView } from '../session';
import { TotpEnrolment } from './TotpEnrolment';
import { NewPasswordFields } from './NewPasswordFields';

/** Sign-in, step by step as the server asks: password, TOTP code, forced password change, TOTP enrolment. */
export function SignIn() {
  const { session, setSession } = useSession();
  const stage = session?.stage;
  return (
    <main className="signin">
      <Card className="signin-card">
        <Typography.Title level={1} className="signin-title">
          政务公开平台
        </Typography.Title>
        <Typography.Paragraph type="secondary">工作人员控制台</Typography.Paragraph>
        {!session && <PasswordStep onDone={setSession} />}
        {stage === 'mfa' && <CodeStep onDone={setSession} />}
        {stage === 'change_password' && <ChangePasswordStep onDone={setSession} />}
        {stage === 'enrol' && (
          <>
            <Alert type="info" showIcon title="您所在的机构要求使用动态验证码登录，请先绑定验证器。" style={{ marginBottom: 16 }} />
            <TotpEnrolment onDone={setSession} />
          </>
        )}
        {session && stage !== 'full' && <SignOutLink />}
      </Card>
    </main>
  );
}

function PasswordStep({ onDone }: { onDone: (s: SessionView) => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError('');
    try {
      onDone(await call(api.POST('/api/v1/auth/login', { body: v })));
    } catch (e) {
      setError(applyProblem(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
        <Input autoComplete="username" autoFocus size="large" />
      </Form.Item>
      <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password autoComplete="current-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        登录
      </Button>
    </Form>
  );
}

function CodeStep({ onDone }: { onDone: (s: SessionView) => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState('');
  const submit = async (v: { code: string }) => {
    setError('');
    try {
      onDone(await call(api.POST('/api/v1/auth/mfa', { body: v })));
    } catch (e) {
      setError(applyProblem(form, e));
      form.resetFields();
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <Typography.Paragraph>请打开手机上的验证器应用，输入显示的 6 位动态验证码。</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item label="动态验证码" name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字' }]}>
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large">
        验证
      </Button>
    </Form>
  );
}

function ChangePasswordStep({ onDone }: { onDone: (s: SessionView) => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState('');
  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setError('');
    try {
      onDone(await call(api.POST('/api/v1/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } })));
    } catch (e) {
      setError(applyProblem(form, e));
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <Alert type="warning" showIcon title="您正在使用管理员发放的一次性密码，请设置自己的新密码。" style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item label="一次性密码" name="currentPassword" rules={[{ required: true, message: '请输入管理员发放的一次性密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewPasswordFields />
      <Button type="primary" htmlType="submit" block>
        设置新密码
      </Button>
    </Form>
  );
}

function SignOutLink() {
  const { setSession } = useSession();
  return (
    <Button
      type="link"
      block
      style={{ marginTop: 8 }}
      onClick={async () => {
        await api.POST('/api/v1/auth/logout').catch(() => undefined);
        setSession(null);
      }}
    >
      退出，换一个账号登录
    </Button>
  );
}

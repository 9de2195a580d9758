import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import { api, applyProblem, call } from '../api/client';
import { useSession } from '../session';
import { NewPasswordFields } from './NewPasswordFields';
import { TotpEnrolment } from './TotpEnrolment';

/** Own account: change password (ends other sessions), bind or re-bind the authenticator. */
export function Profile() {
  const { session, setSession } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState('');
  const [rebinding, setRebinding] = useState(false);
  if (!session) return null;

  const changePassword = async (v: { currentPassword: string; newPassword: string }) => {
    setError('');
    try {
      setSession(await call(api.POST('/api/v1/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } })));
      form.resetFields();
      message.success('密码已修改，您在其他设备上的登录已被结束。');
    } catch (e) {
      setError(applyProblem(form, e));
    }
  };

  return (
    <>
      <div className="page-header">
        <h1>个人设置</h1>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="修改密码">
            <Form form={form} layout="vertical" onFinish={changePassword} requiredMark={false}>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
              <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <NewPasswordFields />
              <Button type="primary" htmlType="submit">
                修改密码
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="动态验证码（双因素认证）">
            {session.user.totpEnrolled && !rebinding ? (
              <>
                <Typography.Paragraph>已绑定验证器。登录时需要输入验证器中的 6 位动态验证码。</Typography.Paragraph>
                <Button onClick={() => setRebinding(true)}>更换手机，重新绑定</Button>
              </>
            ) : (
              <TotpEnrolment
                needsPassword
                onDone={(s) => {
                  setSession(s);
                  setRebinding(false);
                  message.success('验证器已绑定。');
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
